import { CameraOutlined } from "@ant-design/icons";
import { type RatingScheme, scoreEvaluation } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Form, Image, Input, InputNumber, Popconfirm, Row, Space, Tag, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Evaluation } from "../../api/ratings.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { photoDataUrl } from "./photo.ts";
import { StarsText } from "./StarsText.tsx";

interface Values {
  scores: Record<string, number | null | undefined>;
  remarks: Record<string, string | undefined>;
}

/** The live total and stars, computed in the browser with the same rule the server applies on submit. */
function Preview({ scheme, scores }: { scheme: RatingScheme; scores: Values["scores"] }) {
  const { t } = useTranslation();
  const given = Object.fromEntries(Object.entries(scores ?? {}).filter(([, v]) => typeof v === "number")) as Record<string, number>;
  const r = scoreEvaluation(scheme, given);
  return (
    <Card size="small" title={t("ratings.form.preview")} data-testid="rating-preview" style={{ position: "sticky", top: 16 }}>
      <Typography.Title level={2} style={{ margin: 0 }} data-testid="preview-total">
        {r.score.toFixed(2)}
      </Typography.Title>
      <div style={{ fontSize: 18, margin: "8px 0" }} data-testid="preview-stars">
        <StarsText stars={r.stars} unqualified={r.missing.length === 0 ? r.unqualified : false} />
      </div>
      <Tag color={r.missing.length ? "orange" : "green"} data-testid="preview-missing">
        {r.missing.length ? t("ratings.form.missing", { count: r.missing.length }) : t("ratings.form.complete")}
      </Tag>
      {r.sections.map((s, i) => (
        <div key={s.key} style={{ marginTop: 8 }}>
          <Space>
            <span>{s.name}</span>
            <span className="mono">
              {s.points} / {s.maxPoints}（{s.percent}%）
            </span>
          </Space>
          {s.belowMinimum && r.missing.length === 0 && (
            <div>
              <Typography.Text type="danger">{t("ratings.form.belowMinimum", { min: scheme.sections[i]!.minimumPercent })}</Typography.Text>
            </div>
          )}
        </div>
      ))}
    </Card>
  );
}

/** A button that opens the camera or the photo library (a file input, hidden behind it). */
function PhotoButton({ testId, disabled, onFile }: { testId: string; disabled: boolean; onFile: (f: File | undefined) => Promise<void> }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<CameraOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
        {t("ratings.form.photo")}
      </Button>
      <input ref={input} type="file" accept="image/jpeg,image/png" style={{ display: "none" }} data-testid={testId} onChange={(e) => void onFile(e.target.files?.[0]).finally(() => (e.target.value = ""))} />
    </>
  );
}

/**
 * The assessor's tablet form: each section a card, each item with its maximum and description, a number input, a
 * remark and evidence photos; drafts save, submitting hands the result in for good.
 */
export function ScoringForm({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const scheme = evaluation.scheme!;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const scores = Form.useWatch("scores", form) ?? evaluation.scores;
  const initialValues = useMemo(() => ({ scores: evaluation.scores, remarks: evaluation.remarks }), [evaluation.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const body = (submit: boolean) => {
    const v = form.getFieldsValue(true) as Values;
    const keys = scheme.sections.flatMap((s) => s.items.map((i) => i.key));
    return {
      scores: Object.fromEntries(keys.map((k) => [k, typeof v.scores?.[k] === "number" ? v.scores[k] : null])),
      remarks: Object.fromEntries(keys.map((k) => [k, (v.remarks?.[k] ?? "").trim()])),
      submit,
    };
  };
  const save = useMutation({
    mutationFn: (payload: Record<string, unknown>) => api<Evaluation>(`/evaluations/${evaluation.id}`, { method: "PATCH", body: payload }),
    onSuccess: async (e, payload) => {
      setError(null);
      void message.success(payload.submit ? t("ratings.form.submitted") : payload.addPhotos ? t("ratings.form.photoAdded") : t("ratings.form.draftSaved"));
      queryClient.setQueryData(["evaluation", evaluation.id], e);
      await queryClient.invalidateQueries({ queryKey: ["evaluations"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const addPhoto = async (itemKey: string, file: File | undefined) => {
    if (!file) return;
    const photo = await photoDataUrl(file).catch(() => null);
    if (!photo) return void message.error(t("ratings.form.photoTooLarge"));
    save.mutate({ addPhotos: [{ itemKey, photo }] });
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="scoring-form" onFinish={() => save.mutate(body(true))}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="scoring-error" />}
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          {scheme.sections.map((s) => (
            <Card key={s.key} size="small" style={{ marginBottom: 16 }} title={<span style={{ fontSize: 17 }}>{s.name}</span>} extra={<Tag>{t("ratings.form.maxPoints", { max: s.items.reduce((a, i) => a + i.maxPoints, 0) })}</Tag>} data-testid={`section-${s.key}`}>
              {s.items.map((i) => {
                const photos = evaluation.photos.filter((p) => p.itemKey === i.key);
                return (
                  <div key={i.key} className="rating-item" data-testid="rating-item" data-item-key={i.key} style={{ borderBottom: "1px solid #f0f0f0", padding: "12px 0" }}>
                    <Space wrap style={{ marginBottom: 4 }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {i.name}
                      </Typography.Text>
                      <Tag color="blue">{t("ratings.form.maxPoints", { max: i.maxPoints })}</Tag>
                    </Space>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                      {i.description}
                    </Typography.Paragraph>
                    <Row gutter={12}>
                      <Col xs={24} sm={7}>
                        <Form.Item name={["scores", i.key]} label={t("ratings.form.points")} style={{ marginBottom: 8 }}>
                          <InputNumber min={0} max={i.maxPoints} step={0.5} size="large" style={{ width: "100%" }} data-testid={`score-${i.key}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={17}>
                        <Form.Item name={["remarks", i.key]} label={t("ratings.form.remark")} rules={[{ max: 500 }]} style={{ marginBottom: 8 }}>
                          <Input size="large" maxLength={500} data-testid={`remark-${i.key}`} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Space wrap>
                      {photos.map((p) => (
                        <Space key={p.id} direction="vertical" size={0}>
                          {p.photo && <Image src={p.photo} width={96} height={72} style={{ objectFit: "cover" }} />}
                          <Button size="small" type="link" danger onClick={() => save.mutate({ removePhotos: [p.id] })}>
                            {t("ratings.form.removePhoto")}
                          </Button>
                        </Space>
                      ))}
                      <PhotoButton testId={`photo-${i.key}`} disabled={save.isPending} onFile={(f) => addPhoto(i.key, f)} />
                    </Space>
                  </div>
                );
              })}
            </Card>
          ))}
        </Col>
        <Col xs={24} lg={7}>
          <Preview scheme={scheme} scores={scores} />
          <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
            <Button block size="large" loading={save.isPending} onClick={() => save.mutate(body(false))} data-testid="scoring-save">
              {t("ratings.form.saveDraft")}
            </Button>
            <Popconfirm title={t("ratings.form.submitConfirm")} onConfirm={() => form.submit()} okButtonProps={testId("scoring-submit-confirm")}>
              <Button block size="large" type="primary" loading={save.isPending} data-testid="scoring-submit">
                {t("ratings.form.submit")}
              </Button>
            </Popconfirm>
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
