import { ASSESSMENT_REASONS, RISK_EVENTS } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, type FormRule, Grid, Input, Result, Row, Select, Space, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import {
  type Assessment,
  assessmentKey,
  DEFAULT_SCALE,
  elderAssessmentsKey,
  type RiskEvent,
  type ScaleDefinition,
} from "../../api/assessments.ts";
import { api } from "../../api/client.ts";
import type { ElderDetail } from "../../api/types.ts";
import { levelName, previewAssessment } from "../../lib/assessmentPreview.ts";
import { applyMappedErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";
import { type AssessmentFormValues, emptyValues, fieldForPath, toBody, valuesFromAssessment } from "./assessmentFormValues.ts";
import { AssessmentStatusTag, LevelTag } from "./parts.tsx";
import { ScoreGroupCard } from "./ScoreItems.tsx";
import { adjustmentName, type SummaryData, SummaryPanel, summaryFromAssessment, summaryFromPreview } from "./SummaryPanel.tsx";

export type FormMode = "new" | "draft" | "correct";

interface Props {
  mode: FormMode;
  elder: ElderDetail;
  scales: ScaleDefinition[];
  /** The draft being continued, or the submitted assessment a correction replaces. */
  assessment?: Assessment;
}

interface FormError {
  detail: string;
  others: string[];
  /** The alert only summarises errors shown on fields: it goes once they are all fixed. */
  onFields: boolean;
}

/**
 * The assessment form (new, draft, correction): the assessment's facts, each group of items as a card, the
 * adjustments, a live result, and 保存草稿 / 提交 in a bar that stays at the bottom of the screen.
 */
export function AssessmentForm({ mode, elder, scales, assessment }: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssessmentFormValues>();
  const wide = !!Grid.useBreakpoint().xl;
  /** Set while validating for 提交: the "required" rules only bite then (a draft may be incomplete). */
  const submitting = useRef(false);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const [initial] = useState<AssessmentFormValues>(() => {
    if (!assessment) return emptyValues(scales.some((s) => s.code === DEFAULT_SCALE) ? DEFAULT_SCALE : (scales[0]?.code ?? DEFAULT_SCALE));
    return valuesFromAssessment(assessment, scales.find((s) => s.code === assessment.scale));
  });
  const scaleCode = Form.useWatch("scale", form) ?? initial.scale;
  const items = Form.useWatch("items", form) ?? initial.items;
  const coma = Form.useWatch("coma", form) ?? initial.coma;
  const dementia = Form.useWatch("dementia", form) ?? initial.dementia;
  const mentalDisorder = Form.useWatch("mentalDisorder", form) ?? initial.mentalDisorder;
  const riskEvents = Form.useWatch("riskEvents", form) ?? initial.riskEvents;
  const recordedLevel = Form.useWatch("recordedLevel", form) ?? initial.recordedLevel;
  const scale = scales.find((s) => s.code === scaleCode);

  const preview = useMemo(
    () => (scale ? previewAssessment(scale, items ?? {}, { coma, dementia, mentalDisorder, riskEvents }) : null),
    [scale, items, coma, dementia, mentalDisorder, riskEvents],
  );

  const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  const itemRules = useMemo<FormRule[]>(
    () => [{ validator: (_, v) => (submitting.current && typeof v !== "number" ? Promise.reject(new Error(t("assess.itemRequired"))) : Promise.resolve()) }],
    [t],
  );
  const requiredOnSubmit = (field: string): FormRule => ({
    validator: (_, v) => (submitting.current && isBlank(v) ? Promise.reject(new Error(t("assess.required", { field: t(field) }))) : Promise.resolve()),
  });

  const save = useMutation({
    mutationFn: ({ values, submit }: { values: AssessmentFormValues; submit: boolean }) => {
      if (!scale) throw new Error(t("assess.unknownScale", { code: scaleCode }));
      const body = toBody(values, scale, submit);
      if (mode === "draft" && assessment) {
        return api<Assessment>(`/assessments/${assessment.id}`, { method: "PATCH", body: { ...body, version: assessment.version } });
      }
      const correction = mode === "correct" && assessment ? { supersedes: assessment.id, correctionReason: values.correctionReason?.trim() ?? "" } : {};
      return api<Assessment>("/assessments", { method: "POST", body: { ...body, elderId: elder.id, scale: scale.code, ...correction } });
    },
    onSuccess: async (res, { submit }) => {
      queryClient.setQueryData(assessmentKey(res.id), res);
      setDirty(false);
      setError(null);
      if (submit) {
        window.scrollTo({ top: 0 });
        void message.success(t(mode === "correct" ? "assess.corrected" : "assess.submitted"));
        // the elder's level and due date, the list, the due list, and a corrected original (now superseded)
        await queryClient.invalidateQueries({ queryKey: ["elders"] });
        await queryClient.invalidateQueries({ queryKey: ["assessments"] });
      } else {
        void message.success(t("assess.draftSaved"));
        await queryClient.invalidateQueries({ queryKey: elderAssessmentsKey(elder.id) });
      }
      if (assessment?.id !== res.id) navigate(`/assessments/${res.id}`, { replace: true });
    },
    onError: (e) => {
      const others = applyMappedErrors(form, e, (path) => fieldForPath(path, form.getFieldsValue(true)));
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      // when every message sits on its field, the alert only points at them (the server's detail joins them all)
      const allOnFields = !!first && others.length === 0;
      setError({ detail: allOnFields ? t("assess.errorsBelow") : errorText(e), others, onFields: allOnFields });
      if (first) form.scrollToField(first.name, { block: "center" });
      else window.scrollTo({ top: 0, behavior: "smooth" });
    },
  });

  if (!scale || !preview) return <Result status="error" title={t("assess.unknownScale", { code: scaleCode })} />;

  const validate = async (forSubmit: boolean): Promise<boolean> => {
    submitting.current = forSubmit;
    try {
      await form.validateFields();
      return true;
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: "center" });
      setError({ detail: t("assess.errorsBelow"), others: [], onFields: true });
      return false;
    } finally {
      submitting.current = false;
    }
  };

  const onSaveDraft = async () => {
    setError(null);
    if (await validate(false)) save.mutate({ values: form.getFieldsValue(true), submit: false });
  };

  const onSubmit = async () => {
    setError(null);
    if (!(await validate(true))) return;
    const values = form.getFieldsValue(true);
    const final = scale.kind === "recorded" ? values.recordedLevel : preview.finalLevel;
    modal.confirm({
      title: t("assess.submitConfirmTitle"),
      content: (
        <>
          <p>{t("assess.submitConfirm")}</p>
          {final !== null && final !== undefined && <p>{t("assess.submitConfirmLevel", { level: levelName(scale, final, english) })}</p>}
        </>
      ),
      okText: t("assess.submit"),
      cancelText: t("common.cancel"),
      okButtonProps: testId("assessment-submit-confirm"),
      onOk: () => save.mutate({ values, submit: true }),
    });
  };

  const serverResult = mode === "draft" && assessment && !dirty && (assessment.total !== null || assessment.finalLevel !== null);
  const summary: SummaryData = serverResult
    ? summaryFromAssessment(assessment, scale, preview)
    : summaryFromPreview(t, scale, preview, english, recordedLevel);

  const scoredIn = (group: string) => scale.items.filter((i) => i.group === group && typeof items?.[i.code] === "number").length;
  const title =
    mode === "new"
      ? t("assess.createTitle", { name: elder.name })
      : mode === "correct"
        ? t("assess.correctTitle", { name: elder.name })
        : t("assess.editTitle", { name: elder.name });

  return (
    <Card
      data-testid="assessment-page"
      data-mode={mode}
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="assessment-title">
            {title}
          </Typography.Title>
          {assessment && mode === "draft" && <AssessmentStatusTag status={assessment.status} />}
        </Space>
      }
      extra={
        <Button onClick={() => navigate(`/elders/${elder.id}?tab=assessments`)} data-testid="assessment-back">
          {t("assess.backToElder")}
        </Button>
      }
    >
      {mode === "correct" && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("assess.correctionHelp")} />}
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 16 }}
          data-testid="assessment-error"
          title={error.detail}
          description={error.others.length > 0 ? error.others.map((m) => <div key={m}>{m}</div>) : undefined}
        />
      )}
      <Form<AssessmentFormValues>
        form={form}
        layout="vertical"
        size="large"
        initialValues={initial}
        onValuesChange={() => setDirty(true)}
        onFieldsChange={(_, all) => {
          if (error?.onFields && all.every((f) => (f.errors?.length ?? 0) === 0)) setError(null);
        }}
        data-testid="assessment-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={17}>
            <Card size="small" title={t("assess.basics")} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item name="scale" label={t("assess.scale")} extra={mode === "draft" ? t("assess.scaleFixed") : undefined}>
                    <Select
                      disabled={mode !== "new"}
                      data-testid="assessment-scale"
                      options={scales.map((s) => ({ value: s.code, label: english ? s.nameEn : s.name }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="assessedAt" label={t("assess.assessedAt")} rules={[requiredOnSubmit("assess.assessedAt")]}>
                    <DatePicker style={{ width: "100%" }} allowClear={false} disabledDate={(d) => d.isAfter(todayShanghai(), "day")} data-testid="assessment-date" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="reason" label={t("assess.reason")} rules={[{ required: true, message: t("assess.required", { field: t("assess.reason") }) }]}>
                    <Select data-testid="assessment-reason" options={ASSESSMENT_REASONS.map((r) => ({ value: r, label: t(`assessmentReason.${r}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="assessor1" label={t("assess.assessor1")} rules={[requiredOnSubmit("assess.assessor1"), { max: 50 }]}>
                    <Input maxLength={50} placeholder={t("assess.assessorPlaceholder")} data-testid="assessment-assessor1" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="assessor2" label={t("assess.assessor2")} rules={[requiredOnSubmit("assess.assessor2"), { max: 50 }]}>
                    <Input maxLength={50} placeholder={t("assess.assessorPlaceholder")} data-testid="assessment-assessor2" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="informant" label={t("assess.informant")} rules={[requiredOnSubmit("assess.informant"), { max: 100 }]}>
                    <Input maxLength={100} placeholder={t("assess.informantPlaceholder")} data-testid="assessment-informant" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="reasonNote" label={t("assess.reasonNote")} rules={[{ max: 500 }]} style={{ marginBottom: mode === "correct" ? undefined : 0 }}>
                    <Input maxLength={500} data-testid="assessment-reasonNote" />
                  </Form.Item>
                </Col>
                {mode === "correct" && (
                  <Col xs={24}>
                    <Form.Item
                      name="correctionReason"
                      label={t("assess.correctionReason")}
                      rules={[{ required: true, whitespace: true, message: t("assess.required", { field: t("assess.correctionReason") }) }, { max: 500 }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea rows={2} maxLength={500} placeholder={t("assess.correctionReasonPlaceholder")} data-testid="assessment-correctionReason" />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Card>

            {scale.groups.map((g) => (
              <ScoreGroupCard key={`${scale.code}:${g.code}`} scale={scale} group={g} subtotal={preview.subtotals[g.code] ?? 0} scored={scoredIn(g.code)} rules={itemRules} />
            ))}

            {scale.kind === "recorded" && (
              <Card size="small" title={t("assess.recordedLevel")} style={{ marginBottom: 16 }}>
                <Form.Item name="recordedLevel" rules={[requiredOnSubmit("assess.recordedLevel")]} extra={t("assess.recordedLevelHelp")} style={{ marginBottom: 0 }}>
                  <Select
                    allowClear
                    style={{ maxWidth: 360 }}
                    data-testid="assessment-recordedLevel"
                    options={(scale.recordedLevels ?? []).map((l) => ({ value: l.level, label: `${l.level} ${english ? l.nameEn : l.name}` }))}
                  />
                </Form.Item>
              </Card>
            )}

            {scale.adjustments.length > 0 && (
              <Card size="small" title={t("assess.adjustments")} style={{ marginBottom: 16 }} data-testid="assessment-adjustments">
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t("assess.adjustmentsHelp")}
                  {scale.adjustments
                    .map((a) =>
                      a.kind === "setLevel"
                        ? t("assess.reasonSetLevel", { name: adjustmentName(t, a, english), level: levelName(scale, a.level, english) })
                        : t("assess.reasonLower", { name: adjustmentName(t, a, english), steps: a.steps }),
                    )
                    .join(english ? "; " : "；")}
                </Typography.Paragraph>
                <Form.Item name="coma" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox data-testid="adj-coma">{t("assess.coma")}</Checkbox>
                </Form.Item>
                <Form.Item name="dementia" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox data-testid="adj-dementia">{t("assess.dementia")}</Checkbox>
                </Form.Item>
                <Form.Item name="mentalDisorder" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox data-testid="adj-mentalDisorder">{t("assess.mentalDisorder")}</Checkbox>
                </Form.Item>
                <Form.Item name="riskEvents" label={t("assess.riskEvents")} style={{ marginBottom: 0 }}>
                  <Select<RiskEvent[]>
                    mode="multiple"
                    allowClear
                    placeholder={t("assess.riskEventsPlaceholder")}
                    data-testid="adj-riskEvents"
                    options={RISK_EVENTS.map((r) => ({ value: r, label: t(`riskEvent.${r}`) }))}
                  />
                </Form.Item>
              </Card>
            )}

            {!wide && <SummaryPanel scale={scale} data={summary} />}
          </Col>
          {wide && (
            <Col xl={7}>
              <SummaryPanel scale={scale} data={summary} sticky />
            </Col>
          )}
        </Row>

        <div className="assessment-actionbar" data-testid="assessment-actionbar">
          <Space wrap size="middle">
            <Typography.Text type="secondary" data-testid="live-scored">
              {t("assess.scored", { scored: preview.scored, count: preview.itemCount })}
            </Typography.Text>
            {scale.kind === "computed" && (
              <Typography.Text>
                {t("assess.total")}{" "}
                <Typography.Text strong className="mono" style={{ fontSize: 18 }} data-testid="live-total">
                  {summary.total ?? preview.total}
                </Typography.Text>
              </Typography.Text>
            )}
            <Space size={4}>
              {scale.kind === "recorded" ? t("assess.recordedLevel") : t("assess.finalLevel")}
              <LevelTag level={summary.finalLevel} scale={scale} testId="live-level" />
            </Space>
          </Space>
          <Space>
            {mode !== "correct" && (
              <Button onClick={() => void onSaveDraft()} loading={save.isPending} data-testid="assessment-save-draft">
                {t("assess.saveDraft")}
              </Button>
            )}
            <Button type="primary" onClick={() => void onSubmit()} loading={save.isPending} data-testid="assessment-submit">
              {t("assess.submit")}
            </Button>
          </Space>
        </div>
      </Form>
    </Card>
  );
}
