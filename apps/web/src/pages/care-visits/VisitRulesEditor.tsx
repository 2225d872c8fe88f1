import { DEFAULT_VISIT_RULES, type LivingSituation, type VisitRule } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import type { SetVisitRulesResult } from "../../api/visit-rules.ts";
import { livingOptions } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";

/** A rule as the form holds it: a cleared number is null, an empty living-situation list means "any". */
interface RuleRow {
  key: string;
  label: string;
  livingIn?: LivingSituation[];
  minAge?: number | null;
  minAbilityLevel?: number | null;
  minRecentAlarms?: number | null;
  minHospitalStays?: number | null;
  everyDays?: number | null;
  kind: VisitRule["kind"];
}
interface Values {
  rules: RuleRow[];
  effectiveFrom: Dayjs;
}
const NUMBERS = ["minAge", "minAbilityLevel", "minRecentAlarms", "minHospitalStays"] as const;

/** The form's rows as the API takes them: blanks left out (the server's zod schema is the one judge of the values). */
function toRules(rows: RuleRow[]): VisitRule[] {
  return rows.map((r) => {
    const rule: Record<string, unknown> = { key: r.key, label: r.label ?? "", everyDays: r.everyDays ?? undefined, kind: r.kind };
    if (r.livingIn?.length) rule.livingIn = r.livingIn;
    for (const n of NUMBERS) if (r[n] !== null && r[n] !== undefined) rule[n] = r[n];
    return rule as unknown as VisitRule;
  });
}

/** A key for an added rule: users name rules, not keys (the plans keep keys so that a renamed rule stays the same rule). */
let added = 0;
const newKey = () => `custom_${Date.now().toString(36)}_${++added}`;

/**
 * Editing a region's visit rules in place: a row per rule (add, remove), the day they take effect (today by default),
 * and the server's field errors under the fields they concern.
 */
export function VisitRulesEditor({ regionCode, rules, onDone }: { regionCode: string; rules: readonly VisitRule[]; onDone: (r: SetVisitRulesResult | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // the server's messages that fit no field (null: every message went under its field)
  const [unplaced, setUnplaced] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<SetVisitRulesResult>("/visit-rules", { method: "PUT", body: { regionCode, rules: toRules(v.rules ?? []), effectiveFrom: v.effectiveFrom.format("YYYY-MM-DD") } }),
    onMutate: () => setUnplaced(null),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ["visit-rules"] });
      void queryClient.invalidateQueries({ queryKey: ["visit-plans"] });
      onDone(r);
    },
    onError: (e) => {
      const left = applyFieldErrors(form, e);
      const anyField = e instanceof ApiError && !!e.problem.errors?.length && left.length < e.problem.errors.length;
      setUnplaced(left.length ? left : anyField ? null : [errorText(e)]);
    },
  });
  const num = (name: number, field: (typeof NUMBERS)[number] | "everyDays", width = 90) => (
    <Form.Item name={[name, field]} style={{ marginBottom: 0 }}>
      <InputNumber precision={0} style={{ width }} data-testid={`rule-${field}`} />
    </Form.Item>
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="visit-rules-form"
      initialValues={{ rules: rules.map((r) => ({ ...r })), effectiveFrom: todayShanghai() }}
      onFinish={(v) => save.mutate(v)}
    >
      {save.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="visit-rules-error" title={t("visitRules.saveFailed")} description={unplaced?.join("；")} />
      )}
      <Form.List name="rules">
        {(fields, { add, remove }) => (
          <>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={fields}
              scroll={{ x: 1100 }}
              locale={{ emptyText: t("visitRules.none") }}
              onRow={() => ({ "data-testid": "rule-edit-row" }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t("visitRules.col.label"),
                  width: 180,
                  render: (_: unknown, f) => (
                    <>
                      <Form.Item name={[f.name, "key"]} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, "label"]} style={{ marginBottom: 0 }}>
                        <Input maxLength={50} data-testid="rule-label" />
                      </Form.Item>
                    </>
                  ),
                },
                {
                  title: t("visitRules.col.livingIn"),
                  width: 230,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, "livingIn"]} style={{ marginBottom: 0 }}>
                      <Select mode="multiple" allowClear placeholder={t("visitRules.anyLiving")} options={livingOptions(t)} style={{ width: 220 }} data-testid="rule-livingIn" />
                    </Form.Item>
                  ),
                },
                { title: t("visitRules.col.minAge"), width: 100, render: (_: unknown, f) => num(f.name, "minAge") },
                { title: t("visitRules.col.minAbilityLevel"), width: 110, render: (_: unknown, f) => num(f.name, "minAbilityLevel") },
                { title: t("visitRules.col.minRecentAlarms"), width: 120, render: (_: unknown, f) => num(f.name, "minRecentAlarms") },
                { title: t("visitRules.col.minHospitalStays"), width: 120, render: (_: unknown, f) => num(f.name, "minHospitalStays") },
                { title: t("visitRules.col.everyDays"), width: 110, render: (_: unknown, f) => num(f.name, "everyDays", 100) },
                {
                  title: t("visitRules.col.kind"),
                  width: 130,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, "kind"]} style={{ marginBottom: 0 }}>
                      <Select style={{ width: 120 }} options={(["home", "phone"] as const).map((k) => ({ value: k, label: t(`visitsConsole.kind.${k}`) }))} data-testid="rule-kind" />
                    </Form.Item>
                  ),
                },
                {
                  title: t("visitRules.col.actions"),
                  width: 80,
                  render: (_: unknown, f) => (
                    <Button danger size="small" onClick={() => remove(f.name)} data-testid="rule-remove">
                      {t("visitRules.remove")}
                    </Button>
                  ),
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button onClick={() => add({ key: newKey(), label: t("visitRules.newLabel"), everyDays: 30, kind: "phone" } satisfies RuleRow)} data-testid="visit-rules-add">
                {t("visitRules.add")}
              </Button>
              <Button onClick={() => form.setFieldValue("rules", DEFAULT_VISIT_RULES.map((r) => ({ ...r })))} data-testid="visit-rules-defaults">
                {t("visitRules.useDefaults")}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
      <Form.Item name="effectiveFrom" label={t("visitRules.effectiveFrom")} extra={t("visitRules.effectiveHint")} style={{ marginTop: 16 }}>
        <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(todayShanghai(), "day")} data-testid="visit-rules-from" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} {...testId("visit-rules-save")}>
          {t("visitRules.save")}
        </Button>
        <Button onClick={() => onDone(null)} data-testid="visit-rules-cancel">
          {t("visitRules.cancel")}
        </Button>
      </Space>
    </Form>
  );
}
