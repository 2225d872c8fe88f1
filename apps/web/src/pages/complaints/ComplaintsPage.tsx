import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Complaint } from "../../api/orders.ts";
import { enumLabel } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { formatDateTime } from "../../lib/time.ts";

type Status = Complaint["status"];

/** /complaints — complaints about orders in the region, open ones first to handle; resolving needs order:supervise. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (["open", "resolved"] as const).find((s) => s === params.get("status"));
  const [resolving, setResolving] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ resolution: string }>();
  const complaints = useQuery({ queryKey: ["complaints", status ?? "all"], queryFn: () => api<{ items: Complaint[] }>("/complaints", { query: { status } }) });

  const resolve = useMutation({
    mutationFn: (v: { resolution: string }) => api<Complaint>(`/complaints/${resolving!.id}/resolve`, { method: "POST", body: { resolution: v.resolution.trim() } }),
    onSuccess: async () => {
      setResolving(null);
      void message.success(t("complaints.resolved"));
      await queryClient.invalidateQueries({ queryKey: ["complaints"] });
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });
  const supervise = can(me, "order:supervise");

  return (
    <Card
      title={t("complaints.title")}
      data-testid="complaints-page"
      extra={
        <Select<Status>
          allowClear
          style={{ width: 150 }}
          value={status}
          placeholder={t("common.all")}
          prefix={`${t("complaints.filter")}：`}
          onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
          options={(["open", "resolved"] as const).map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))}
          data-testid="complaint-filter"
        />
      }
    >
      {complaints.isError && <Alert type="error" showIcon title={errorText(complaints.error)} style={{ marginBottom: 16 }} />}
      <Table<Complaint>
        rowKey="id"
        size="middle"
        data-testid="complaint-table"
        loading={complaints.isFetching}
        dataSource={complaints.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t("complaints.empty") }}
        onRow={(c) => ({ "data-testid": "complaint-row", "data-complaint-id": c.id, "data-status": c.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("complaints.createdAt"), dataIndex: "createdAt", width: 170, render: (v: string) => formatDateTime(v) },
          { title: t("complaints.order"), dataIndex: "orderNo", width: 150, render: (v: string, c) => <Link to={`/orders/${c.orderId}`} className="mono">{v}</Link> },
          { title: t("complaints.elder"), dataIndex: "elderName", width: 90, render: (v: string | null) => v ?? t("common.none") },
          { title: t("complaints.provider"), dataIndex: "providerName", width: 220, render: (v: string | null) => v ?? t("common.none") },
          { title: t("complaints.content"), dataIndex: "content" },
          { title: t("complaints.byRole"), dataIndex: "byRole", width: 110, render: (v: string) => enumLabel(t, "role", v) },
          {
            title: t("complaints.filter"),
            dataIndex: "status",
            width: 90,
            render: (v: Status) => <Tag color={v === "open" ? "red" : "green"}>{t(`complaints.status.${v}`)}</Tag>,
          },
          {
            title: t("complaints.resolution"),
            dataIndex: "resolution",
            width: 240,
            render: (v: string | null, c) =>
              v ? (
                <>
                  <div>{v}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.resolvedAt)}
                  </Typography.Text>
                </>
              ) : supervise && c.status === "open" ? (
                <Button size="small" type="primary" onClick={() => (setError(null), form.resetFields(), setResolving(c))} data-testid="complaint-resolve">
                  {t("complaints.resolve")}
                </Button>
              ) : (
                t("common.none")
              ),
          },
        ]}
      />
      <Modal
        open={!!resolving}
        title={resolving ? t("complaints.resolveTitle", { order: resolving.orderNo }) : ""}
        onCancel={() => setResolving(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: resolve.isPending, ...testId("complaint-resolve-submit") }}
        forceRender
      >
        {resolving && <Typography.Paragraph type="secondary">{resolving.content}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" data-testid="complaint-resolve-form" onFinish={(v) => resolve.mutate(v)}>
          <Form.Item
            name="resolution"
            label={t("complaints.resolution")}
            rules={[{ required: true, whitespace: true, message: t("form.required", { field: t("complaints.resolution") }) }, { max: 1000 }]}
          >
            <Input.TextArea rows={4} maxLength={1000} data-testid="complaint-resolution" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
