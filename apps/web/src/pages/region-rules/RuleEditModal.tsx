import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Descriptions, Form, InputNumber, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { formatNumber, formatRuleValue, isChoice, type RegionRule, type RuleValue, type SetRegionRuleResult, unitLabel, unitOf } from "../../api/region-rules.ts";
import { applyMappedErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";

interface Values {
  value: number | string[] | null;
  effectiveFrom: Dayjs;
}

/** Decimals a step needs (0.5 → 1, 1 → 0). */
const decimalsOf = (step: number) => (Number.isInteger(step) ? 0 : (String(step).split(".")[1]?.length ?? 2));

/**
 * Changing one rule: an input fitting it (a number in the unit people use, a choice, the degrees), the day it takes
 * effect (today or later), and the server's refusal in Chinese under the field it concerns.
 */
export function RuleEditModal({ regionCode, rule, onClose }: { regionCode: string; rule: RegionRule; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const unit = unitOf(rule.key);
  const limit = rule.limit;
  const show = (v: RuleValue) => formatRuleValue(t, i18n.language, rule.key, v);
  const today = todayShanghai();
  const choice = isChoice(rule);
  const toForm = (v: RuleValue): Values["value"] => (Array.isArray(v) ? [...v] : choice ? v : unit.fromApi(v));
  const toApi = (v: Values["value"]): RuleValue | null => (v === null || v === undefined ? null : Array.isArray(v) ? v : choice ? v : unit.toApi(v));

  const save = useMutation({
    mutationFn: (v: Values) =>
      api<SetRegionRuleResult>("/region-rules", { method: "PUT", body: { regionCode, key: rule.key, value: toApi(v.value), effectiveFrom: v.effectiveFrom.format("YYYY-MM-DD") } }),
    onMutate: () => setUnplaced([]),
    onSuccess: (r) => {
      void message.success(t("regionRules.saved", { date: r.effectiveFrom }));
      void queryClient.invalidateQueries({ queryKey: ["region-rules"] });
      onClose();
    },
    onError: (e) => {
      const left = applyMappedErrors(form, e, (path) => (path === "value" || path === "effectiveFrom" ? [path] : null));
      // the server counts minutes, fen and shares: for those rules say the bounds in the unit the user typed
      if (limit.kind === "number" && !choice && unit.kind !== "plain" && e instanceof ApiError && e.problem.errors?.some((x) => x.path === "value")) {
        form.setFields([{ name: "value", errors: [t("regionRules.outOfBounds", { min: fmt(unit.fromApi(limit.min)), max: fmt(unit.fromApi(limit.max)), step: fmt(unit.fromApi(limit.step)), unit: unitLabel(t, rule.key) })] }]);
      }
      const anyField = e instanceof ApiError && !!e.problem.errors?.length && left.length < e.problem.errors.length;
      setUnplaced(left.length ? left : anyField ? [] : [errorText(e)]);
    },
  });
  const fmt = (n: number) => formatNumber(n, i18n.language);

  let input: React.ReactNode;
  let extra: string | undefined;
  if (limit.kind === "list") {
    input = <Select mode="multiple" options={limit.options.map((o) => ({ value: o, label: t(`education.${o}`, { defaultValue: o }) }))} data-testid="region-rule-input" />;
  } else if (limit.choices) {
    input = <Select options={limit.choices.map((c) => ({ value: c, label: show(c) }))} data-testid="region-rule-input" />;
  } else {
    // whole steps for the arrows (1 hour, not 0.5: "1500", not "1500.0"); half hours may still be typed
    const step = unit.fromApi(limit.step);
    const suffix = unitLabel(t, rule.key);
    input = <InputNumber style={{ width: 240 }} step={Math.max(step, 1)} precision={decimalsOf(step) === 0 ? 0 : undefined} suffix={suffix || undefined} data-testid="region-rule-input" />;
    const withUnit = (n: number) => (suffix ? `${fmt(unit.fromApi(n))} ${suffix}` : fmt(unit.fromApi(n)));
    extra = t("regionRules.range", { min: withUnit(limit.min), max: withUnit(limit.max) });
  }

  return (
    <Modal
      open
      title={t("regionRules.modalTitle", { name: t(`regionRules.rule.${rule.key}.name`, { defaultValue: rule.key }) })}
      okText={t("regionRules.save")}
      cancelText={t("regionRules.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={testId("region-rule-save")}
      destroyOnHidden
      data-testid="region-rule-modal"
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("regionRules.current")}>{show(rule.value)}</Descriptions.Item>
        <Descriptions.Item label={t("regionRules.col.defaultValue")}>{show(rule.defaultValue)}</Descriptions.Item>
      </Descriptions>
      {unplaced.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={unplaced.join("；")} data-testid="region-rule-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ value: toForm(rule.value), effectiveFrom: today }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="value" label={t("regionRules.newValue")} extra={extra} rules={limit.kind === "list" ? [] : [{ required: true, message: t("regionRules.required") }]}>
          {input}
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t("regionRules.effectiveFrom")} extra={t("regionRules.effectiveHint")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(today, "day")} data-testid="region-rule-effective" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
