import type { ChangeStatusInput } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { ElderDetail } from "../../api/types.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";

interface Values {
  status: ChangeStatusInput["status"];
  reason: string;
  date: Dayjs;
}

/** 标记去世/迁出: after this the record is read-only. */
export function StatusButton({ elder }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (v: Values) =>
      api(`/elders/${elder.id}/status`, {
        method: "POST",
        body: { status: v.status, reason: v.reason.trim(), date: v.date.format("YYYY-MM-DD") } satisfies ChangeStatusInput,
      }),
    onSuccess: async () => {
      setOpen(false);
      void message.success(t("detail.statusChanged"));
      await queryClient.invalidateQueries({ queryKey: ["elders"] });
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });

  return (
    <>
      <Button danger onClick={() => (setError(null), form.resetFields(), setOpen(true))} data-testid="elder-status-button">
        {t("detail.markStatus")}
      </Button>
      <Modal
        open={open}
        title={t("detail.statusModalTitle")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: true, loading: change.isPending, ...testId("elder-status-submit") }}
        destroyOnHidden
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ status: "deceased", date: todayShanghai() }}
          onFinish={(v) => change.mutate(v)}
          data-testid="elder-status-form"
        >
          <Form.Item name="status" label={t("detail.newStatus")} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="elder-status-value"
              options={[
                { value: "deceased", label: t("elderStatus.deceased") },
                { value: "moved_out", label: t("elderStatus.moved_out") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("fields.statusReason")}
            rules={[{ required: true, whitespace: true, message: t("form.required", { field: t("fields.statusReason") }) }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="elder-status-reason" />
          </Form.Item>
          <Form.Item name="date" label={t("fields.statusDate")} rules={[{ required: true, message: t("form.required", { field: t("fields.statusDate") }) }]}>
            <DatePicker disabledDate={(d) => d.isAfter(todayShanghai(), "day")} data-testid="elder-status-date" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
