import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { PROVIDERS_KEY, type Provider } from "../../api/marketplace.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

type Target = "approved" | "suspended" | "rejected";

/** The bureau's moves on a provider: approve or reject a pending one, suspend an approved one (a reason is required), reinstate. */
export function ProviderStatusActions({ provider: p, size = "small" }: { provider: Provider; size?: "small" | "middle" }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reasonFor, setReasonFor] = useState<"suspended" | "rejected" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const change = useMutation({
    mutationFn: (body: { status: Target; reason?: string }) => api<Provider>(`/providers/${p.id}/status`, { method: "POST", body }),
    onSuccess: async () => {
      setReasonFor(null);
      void message.success(t("provider.statusChanged"));
      // a suspended provider's products leave the catalogue: every product list is stale too
      await Promise.all([queryClient.invalidateQueries({ queryKey: PROVIDERS_KEY }), queryClient.invalidateQueries({ queryKey: ["products"] })]);
    },
    onError: (e) => {
      if (reasonFor) {
        applyFieldErrors(form, e);
        setError(errorText(e));
      } else void message.error(errorText(e));
    },
  });

  const approve = (key: "approve" | "reinstate", confirmKey: string) => (
    <Popconfirm title={t(confirmKey, { name: p.name })} onConfirm={() => change.mutate({ status: "approved" })} okButtonProps={testId(`provider-${key}-confirm`)}>
      <Button size={size} type="primary" ghost loading={change.isPending && !reasonFor} data-testid={`provider-${key}`}>
        {t(`provider.${key}`)}
      </Button>
    </Popconfirm>
  );
  const withReason = (target: "suspended" | "rejected", key: "suspend" | "reject") => (
    <Button size={size} danger onClick={() => (setError(null), setReasonFor(target))} data-testid={`provider-${key}`}>
      {t(`provider.${key}`)}
    </Button>
  );

  return (
    // React events bubble out of the modal's portal too: keep every click here away from the table row's navigation
    <span onClick={(e) => e.stopPropagation()}>
      <Space size={4} wrap>
        {p.status === "pending" && approve("approve", "provider.confirmApprove")}
        {p.status === "rejected" && approve("approve", "provider.confirmApprove")}
        {p.status === "suspended" && approve("reinstate", "provider.confirmReinstate")}
        {p.status === "pending" && withReason("rejected", "reject")}
        {p.status === "approved" && withReason("suspended", "suspend")}
      </Space>
      {/* mounted only while open: the list has one of these per row */}
      {reasonFor && (
        <Modal
          open
          title={t(reasonFor === "rejected" ? "provider.rejectTitle" : "provider.suspendTitle", { name: p.name })}
          onCancel={() => setReasonFor(null)}
          onOk={() => form.submit()}
          okButtonProps={{ danger: true, loading: change.isPending, ...testId("provider-status-submit") }}
        >
          {reasonFor === "suspended" && <Typography.Paragraph type="secondary">{t("provider.suspendHelp")}</Typography.Paragraph>}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" preserve={false} data-testid="provider-status-form" onFinish={(v) => reasonFor && change.mutate({ status: reasonFor, reason: v.reason.trim() })}>
            <Form.Item
              name="reason"
              label={t("provider.reasonLabel")}
              rules={[{ required: true, whitespace: true, message: t("form.required", { field: t("provider.reasonLabel") }) }, { max: 500 }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="provider-status-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </span>
  );
}
