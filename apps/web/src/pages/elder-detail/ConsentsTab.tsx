import { PlusOutlined } from "@ant-design/icons";
import type { ConsentInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Radio, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Consent } from "../../api/types.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { formatDateTime } from "../../lib/time.ts";

interface Values {
  purpose: string;
  granted: boolean;
  signedBy: string;
  note?: string;
}

/** 知情同意: who agreed to what, recorded by whom. */
export function ConsentsTab({ elderId, writable }: { elderId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const consents = useQuery({
    queryKey: ["elders", "consents", elderId],
    queryFn: () => api<{ items: Consent[] }>(`/elders/${elderId}/consents`),
  });

  const add = useMutation({
    mutationFn: (v: Values) => {
      const body: ConsentInput = { purpose: v.purpose.trim(), granted: v.granted, signedBy: v.signedBy.trim(), note: v.note?.trim() || null };
      return api(`/elders/${elderId}/consents`, { method: "POST", body });
    },
    onSuccess: async () => {
      setOpen(false);
      void message.success(t("consents.added"));
      await queryClient.invalidateQueries({ queryKey: ["elders"] });
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  return (
    <>
      {writable && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => (setError(null), form.resetFields(), setOpen(true))} data-testid="consent-add">
          {t("consents.add")}
        </Button>
      )}
      {consents.isError && <Alert type="error" showIcon title={errorText(consents.error)} />}
      <Table<Consent>
        rowKey="id"
        size="small"
        data-testid="consent-table"
        loading={consents.isPending}
        dataSource={consents.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("consents.empty") }}
        columns={[
          { title: t("consents.purpose"), dataIndex: "purpose" },
          {
            title: t("consents.granted"),
            dataIndex: "granted",
            render: (v: boolean) => (v ? <Tag color="green">{t("consents.grantedYes")}</Tag> : <Tag color="red">{t("consents.grantedNo")}</Tag>),
          },
          { title: t("consents.signedBy"), dataIndex: "signedBy" },
          { title: t("consents.note"), dataIndex: "note", render: (v: string | null) => v || t("common.none") },
          { title: t("consents.recordedAt"), dataIndex: "recordedAt", render: (v: string) => formatDateTime(v) },
          { title: t("consents.recordedBy"), dataIndex: "recordedBy", render: (v: string | null) => v ?? t("common.none") },
        ]}
      />
      <Modal
        open={open}
        title={t("consents.add")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: add.isPending, ...testId("consent-submit") }}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" initialValues={{ granted: true }} onFinish={(v) => add.mutate(v)} data-testid="consent-form">
          <Form.Item name="purpose" label={t("consents.purpose")} rules={[required("consents.purpose"), { max: 100 }]}>
            <Input maxLength={100} data-testid="consent-purpose" />
          </Form.Item>
          <Form.Item name="granted" label={t("consents.granted")} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="consent-granted"
              options={[
                { value: true, label: t("consents.grantedYes") },
                { value: false, label: t("consents.grantedNo") },
              ]}
            />
          </Form.Item>
          <Form.Item name="signedBy" label={t("consents.signedBy")} rules={[required("consents.signedBy"), { max: 50 }]}>
            <Input maxLength={50} data-testid="consent-signedBy" />
          </Form.Item>
          <Form.Item name="note" label={t("consents.note")} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="consent-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
