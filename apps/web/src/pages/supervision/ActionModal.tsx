import type { RectificationAction } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Typography, Upload } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Rectification } from "../../api/supervision.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";
import { photoDataUrl } from "../ratings/photo.ts";

interface Values {
  feedback?: string;
  plan?: string;
  planDate?: Dayjs;
  note?: string;
  evidence?: { note: string; photo?: string }[];
}

/** One step of a task: the form for what the step needs (an answer, a plan, evidence, a re-check note). */
export function ActionModal({ task, action, onClose }: { task: Rectification | null; action: RectificationAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = { action };
      if (action === "feedback") Object.assign(body, { feedback: v.feedback, ...(v.plan ? { plan: v.plan, planDate: v.planDate?.format("YYYY-MM-DD") } : {}) });
      if (action === "resolve") body.evidence = (v.evidence ?? []).map((e) => ({ note: e.note ?? "", ...(e.photo ? { photo: e.photo } : {}) }));
      if ((action === "close" || action === "reopen") && v.note) body.note = v.note;
      return api<Rectification>(`/rectifications/${task!.id}/actions`, { method: "POST", body });
    },
    onSuccess: async () => {
      void message.success(t("supervision.rect.done", { action: t(`supervision.action.${action}`) }));
      form.resetFields();
      setError(null);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ["rectifications"] });
      await queryClient.invalidateQueries({ queryKey: ["rectification-board"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  const open = !!task && !!action;
  return (
    <Modal
      open={open}
      title={action ? `${t(`supervision.action.${action}`)}：${task?.description ?? ""}` : ""}
      onCancel={() => (setError(null), onClose())}
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending, ...testId("action-submit") }}
      width={640}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => (setError(null), run.mutate(v))} initialValues={{ evidence: [{ note: "" }] }} data-testid="action-form">
        {action === "acknowledge" && task && (
          <Typography.Paragraph data-testid="action-acknowledge-text">
            {t("supervision.rect.acknowledgeText", { feedbackBy: task.feedbackBy, resolveBy: task.effectiveResolveBy })}
          </Typography.Paragraph>
        )}
        {action === "feedback" && (
          <>
            <Form.Item name="feedback" label={t("supervision.rect.feedback")} rules={required(t("supervision.rect.feedback"))}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="action-feedback" />
            </Form.Item>
            {task?.severity === "major" && (
              <Space align="start" wrap>
                <Form.Item name="plan" label={t("supervision.rect.plan")} style={{ width: 400 }}>
                  <Input.TextArea rows={2} maxLength={2000} data-testid="action-plan" />
                </Form.Item>
                <Form.Item name="planDate" label={t("supervision.rect.planDate")}>
                  <DatePicker disabledDate={(d) => d.isBefore(todayShanghai(), "day")} />
                </Form.Item>
              </Space>
            )}
          </>
        )}
        {action === "resolve" && (
          <Form.List name="evidence">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: "flex" }}>
                    <Form.Item name={[f.name, "note"]} label={t("supervision.rect.evidenceNote")} rules={required(t("supervision.rect.evidenceNote"))} style={{ width: 320 }}>
                      <Input maxLength={500} data-testid="action-evidence-note" />
                    </Form.Item>
                    <Form.Item name={[f.name, "photo"]} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item label={t("supervision.rect.photo")}>
                      <PhotoPicker onPicked={(url) => form.setFieldValue(["evidence", f.name, "photo"], url)} tooLarge={() => void message.error(t("supervision.rect.photoTooLarge"))} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" danger onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                        {t("common.delete")}
                      </Button>
                    )}
                  </Space>
                ))}
                {fields.length < 6 && <Button onClick={() => add({ note: "" })}>{t("supervision.rect.addEvidence")}</Button>}
              </>
            )}
          </Form.List>
        )}
        {(action === "close" || action === "reopen") && (
          <Form.Item name="note" label={t("supervision.rect.note")} rules={action === "reopen" ? required(t("supervision.rect.note")) : []}>
            <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Picks an image, scales it to fit the server's limit, and hands back its data URL. */
export function PhotoPicker({ onPicked, tooLarge }: { onPicked: (url: string) => void; tooLarge: () => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <Space>
      <Upload
        accept="image/jpeg,image/png"
        showUploadList={false}
        beforeUpload={async (file) => {
          const url = await photoDataUrl(file);
          if (!url) tooLarge();
          else (setPicked(url), onPicked(url));
          return false;
        }}
      >
        <Button>{t("supervision.rect.photo")}</Button>
      </Upload>
      {picked && <img src={picked} alt="" style={{ height: 32 }} />}
    </Space>
  );
}
