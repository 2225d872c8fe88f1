import { ABILITY_LEVELS, type CreateSubsidyRuleInput, type SubsidyBenefit, type SubsidyConditions } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { economicOptions, hukouOptions, livingOptions } from "../../lib/labels.ts";
import { applyMappedErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";
import { type BenefitKind, type Frequency, RULES_KEY, type SubsidyRule } from "./api.ts";
import { toFen } from "./format.ts";

interface Values {
  regionCode: string;
  code: string;
  name: string;
  description?: string;
  minAge?: number | null;
  maxAge?: number | null;
  abilityLevels?: number[];
  economicStatuses?: SubsidyConditions["economicStatuses"];
  livingSituations?: SubsidyConditions["livingSituations"];
  hukouTypes?: SubsidyConditions["hukouTypes"];
  tagsAny?: string[];
  specialDifficulty?: boolean;
  kind: BenefitKind;
  amountYuan?: number | null;
  hours?: number | null;
  expires: NonNullable<SubsidyBenefit["expires"]>;
  frequency: Frequency;
  budgetLine: string;
  effectiveFrom: Dayjs;
}

/** The form's values → the request body; empty condition controls are left out. */
function toInput(v: Values): CreateSubsidyRuleInput {
  const conditions: SubsidyConditions = {};
  if (v.minAge !== undefined && v.minAge !== null) conditions.minAge = v.minAge;
  if (v.maxAge !== undefined && v.maxAge !== null) conditions.maxAge = v.maxAge;
  if (v.abilityLevels?.length) conditions.abilityLevels = v.abilityLevels;
  if (v.economicStatuses?.length) conditions.economicStatuses = v.economicStatuses;
  if (v.livingSituations?.length) conditions.livingSituations = v.livingSituations;
  if (v.hukouTypes?.length) conditions.hukouTypes = v.hukouTypes;
  const tags = (v.tagsAny ?? []).map((s) => s.trim()).filter(Boolean);
  if (tags.length) conditions.tagsAny = tags;
  if (v.specialDifficulty) conditions.specialDifficulty = true;
  const benefit: SubsidyBenefit =
    v.kind === "hours"
      ? { kind: "hours", minutes: Math.round((v.hours ?? 0) * 60), expires: v.expires }
      : v.kind === "wallet"
        ? { kind: "wallet", amountFen: toFen(v.amountYuan ?? 0), expires: v.expires }
        : { kind: v.kind === "provider" ? "provider" : "cash", amountFen: toFen(v.amountYuan ?? 0) };
  return {
    regionCode: v.regionCode,
    code: v.code.trim(),
    name: v.name.trim(),
    description: v.description?.trim() || null,
    conditions,
    benefit,
    frequency: v.frequency,
    budgetLine: v.budgetLine.trim(),
    effectiveFrom: v.effectiveFrom.format("YYYY-MM-DD"),
  };
}

/** 新建规则: a draft (an existing code becomes its next version). */
export function RuleFormModal({ open, regionCode, onClose }: { open: boolean; regionCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch("kind", form) ?? "cash";

  const create = useMutation({
    mutationFn: (v: Values) => api<SubsidyRule>("/subsidy-rules", { method: "POST", body: toInput(v) }),
    onSuccess: async (rule) => {
      void message.success(t("subsidy.form.created", { name: rule.name, version: rule.version }));
      await queryClient.invalidateQueries({ queryKey: RULES_KEY });
      onClose();
    },
    onError: (e) => {
      const kindNow = form.getFieldValue("kind") as BenefitKind;
      const unplaced = applyMappedErrors(form, e, (path) => {
        const [head, field] = path.split(".");
        if (head === "conditions" && field) return [field];
        if (head === "benefit") {
          if (field === "amountFen" || field === "minutes") return [kindNow === "hours" ? "hours" : "amountYuan"];
          return field ? [field] : null;
        }
        return head ? [head] : null;
      });
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  const abilityOpts = ABILITY_LEVELS.map((v) => ({ value: v, label: `${v} ${t(`abilityLevel.${v}`)}` }));

  return (
    <Modal
      open={open}
      title={t("subsidy.form.title")}
      width={820}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("subsidy.form.submit")}
      okButtonProps={{ loading: create.isPending, ...testId("rule-form-submit") }}
      cancelButtonProps={testId("rule-form-cancel")}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rule-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="rule-form"
        initialValues={{ regionCode, kind: "cash", expires: "yearEnd", frequency: "monthly", specialDifficulty: false, effectiveFrom: todayShanghai().startOf("month") }}
        onFinish={(v) => (setError(null), create.mutate(v))}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t("subsidy.rule.name")} rules={[required("subsidy.rule.name"), { max: 100 }]}>
              <Input maxLength={100} data-testid="rule-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="code" label={t("subsidy.rule.code")} extra={t("subsidy.form.codeHelp")} rules={[required("subsidy.rule.code"), { pattern: /^[a-z0-9][a-z0-9-]{1,49}$/, message: t("subsidy.form.codePattern") }]}>
              <Input maxLength={50} autoComplete="off" data-testid="rule-form-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t("subsidy.rule.region")} rules={[{ required: true, message: t("form.required", { field: t("subsidy.rule.region") }) }]}>
              <RegionTreeSelect allowClear={false} data-testid="rule-form-region" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="description" label={t("subsidy.rule.description")} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid="rule-form-description" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("subsidy.form.conditions")}</Divider>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="minAge" label={t("subsidy.form.minAge")}>
              <InputNumber min={0} max={150} precision={0} style={{ width: "100%" }} data-testid="rule-form-minAge" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="maxAge"
              label={t("subsidy.form.maxAge")}
              dependencies={["minAge"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: number | null | undefined) => {
                    const min = getFieldValue("minAge") as number | null | undefined;
                    if (v !== null && v !== undefined && min !== null && min !== undefined && v < min) throw new Error(t("subsidy.form.ageOrder"));
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={150} precision={0} style={{ width: "100%" }} data-testid="rule-form-maxAge" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hukouTypes" label={t("subsidy.form.hukouTypes")}>
              <Select mode="multiple" allowClear options={hukouOptions(t)} placeholder={t("subsidy.form.any")} data-testid="rule-form-hukouTypes" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="economicStatuses" label={t("subsidy.form.economicStatuses")}>
              <Select mode="multiple" allowClear options={economicOptions(t)} placeholder={t("subsidy.form.any")} data-testid="rule-form-economicStatuses" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="livingSituations" label={t("subsidy.form.livingSituations")}>
              <Select mode="multiple" allowClear options={livingOptions(t)} placeholder={t("subsidy.form.any")} data-testid="rule-form-livingSituations" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="abilityLevels" label={t("subsidy.form.abilityLevels")}>
              <Select mode="multiple" allowClear options={abilityOpts} placeholder={t("subsidy.form.any")} data-testid="rule-form-abilityLevels" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tagsAny" label={t("subsidy.form.tagsAny")} extra={t("subsidy.form.tagsHelp")}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} placeholder={t("subsidy.form.any")} data-testid="rule-form-tagsAny" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="specialDifficulty" label={t("subsidy.form.specialDifficulty")} valuePropName="checked" extra={t("subsidy.form.specialDifficultyHelp")}>
              <Switch data-testid="rule-form-specialDifficulty" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("subsidy.form.benefit")}</Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="kind" label={t("subsidy.form.kind")}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                data-testid="rule-form-kind"
                options={(["cash", "wallet", "hours", "provider"] as const).map((k) => ({ value: k, label: <span data-testid={`rule-form-kind-${k}`}>{t(`subsidy.kind.${k}`)}</span> }))}
              />
            </Form.Item>
          </Col>
          {kind === "hours" ? (
            <Col span={8}>
              <Form.Item name="hours" label={t("subsidy.form.hours")} rules={[{ required: true, message: t("form.required", { field: t("subsidy.form.hours") }) }]}>
                <InputNumber min={0.5} max={1000} step={0.5} precision={2} style={{ width: "100%" }} data-testid="rule-form-hours" />
              </Form.Item>
            </Col>
          ) : (
            <Col span={8}>
              <Form.Item name="amountYuan" label={t("subsidy.form.amountYuan")} rules={[{ required: true, message: t("form.required", { field: t("subsidy.form.amountYuan") }) }]}>
                <InputNumber min={0.01} max={1_000_000} step={1} precision={2} prefix="¥" style={{ width: "100%" }} data-testid="rule-form-amount" />
              </Form.Item>
            </Col>
          )}
          {(kind === "wallet" || kind === "hours") && (
            <Col span={8}>
              <Form.Item name="expires" label={t("subsidy.form.expires")}>
                <Select
                  data-testid="rule-form-expires"
                  options={(["yearEnd", "monthEnd", "never"] as const).map((e) => ({ value: e, label: t(`subsidy.expires.${e}`) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="frequency" label={t("subsidy.rule.frequency")}>
              <Select data-testid="rule-form-frequency" options={(["monthly", "yearly", "once"] as const).map((f) => ({ value: f, label: t(`subsidy.frequency.${f}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="budgetLine" label={t("subsidy.rule.budgetLine")} rules={[required("subsidy.rule.budgetLine"), { max: 100 }]}>
              <Input maxLength={100} data-testid="rule-form-budgetLine" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t("subsidy.rule.effectiveFrom")} rules={[{ required: true, message: t("form.required", { field: t("subsidy.rule.effectiveFrom") }) }]}>
              <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="rule-form-effectiveFrom" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
