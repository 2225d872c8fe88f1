import { SATISFACTION } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Radio } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { VisitSample } from "../../api/orders.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

type SampleRow = VisitSample["items"][number];
interface Values {
  reached: boolean;
  satisfaction?: (typeof SATISFACTION)[number];
  serviceHappened?: "yes" | "no" | "unknown";
  notes?: string;
}

/** 记录回访: reached or not; if reached, the satisfaction (required) and whether the service really happened. */
export function VisitFormModal({ row, onClose }: { row: SampleRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const reached = Form.useWatch("reached", form) ?? true;

  useEffect(() => {
    if (!row) return;
    form.resetFields();
    setError(null);
  }, [row, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api("/return-visits", {
        method: "POST",
        body: {
          orderId: row!.orderId,
          reached: v.reached,
          ...(v.reached && v.satisfaction ? { satisfaction: v.satisfaction } : {}),
          ...(v.serviceHappened && v.serviceHappened !== "unknown" ? { serviceHappened: v.serviceHappened === "yes" } : {}),
          ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      void message.success(t("visits.recorded"));
      await queryClient.invalidateQueries({ queryKey: ["return-visits"] });
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });

  return (
    <Modal
      open={!!row}
      title={row ? t("visits.recordTitle", { elder: row.elderName, order: row.orderNo }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...testId("visit-form-submit") }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" data-testid="visit-form" initialValues={{ reached: true, serviceHappened: "unknown" }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reached" label={t("visits.reached")}>
          <Radio.Group
            optionType="button"
            data-testid="visit-form-reached"
            options={[
              { value: true, label: <span data-testid="visit-form-reached-yes">{t("visits.reachedYes")}</span> },
              { value: false, label: <span data-testid="visit-form-reached-no">{t("visits.reachedNo")}</span> },
            ]}
          />
        </Form.Item>
        {reached && (
          <>
            <Form.Item name="satisfaction" label={t("visits.satisfaction")} rules={[{ required: true, message: t("form.required", { field: t("visits.satisfaction") }) }]}>
              <Radio.Group
                optionType="button"
                data-testid="visit-form-satisfaction"
                options={SATISFACTION.map((s) => ({ value: s, label: <span data-testid={`visit-form-satisfaction-${s}`}>{t(`satisfaction.${s}`)}</span> }))}
              />
            </Form.Item>
            <Form.Item name="serviceHappened" label={t("visits.serviceHappened")}>
              <Radio.Group
                data-testid="visit-form-happened"
                options={[
                  { value: "yes", label: t("common.yes") },
                  { value: "no", label: t("common.no") },
                  { value: "unknown", label: t("visits.unknown") },
                ]}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="notes" label={t("visits.notes")} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="visit-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
