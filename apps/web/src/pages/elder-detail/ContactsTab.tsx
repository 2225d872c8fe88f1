import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { ContactInput } from "@carecircle/shared";
import { isValidPhone, normalizePhone } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Contact } from "../../api/types.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

interface Values {
  name: string;
  relation: string;
  phone: string;
  isEmergency: boolean;
  familyUsername?: string;
}

export function ContactsTab({ elderId, writable }: { elderId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ["elders", "contacts", elderId];
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const contacts = useQuery({ queryKey: key, queryFn: () => api<{ items: Contact[] }>(`/elders/${elderId}/contacts`) });

  const add = useMutation({
    mutationFn: (v: Values) => {
      const body: ContactInput = {
        name: v.name.trim(),
        relation: v.relation.trim(),
        phone: normalizePhone(v.phone),
        isEmergency: v.isEmergency,
        familyUsername: v.familyUsername?.trim() || null,
      };
      return api(`/elders/${elderId}/contacts`, { method: "POST", body });
    },
    onSuccess: async () => {
      setOpen(false);
      void message.success(t("contacts.added"));
      await queryClient.invalidateQueries({ queryKey: ["elders"] });
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });
  const remove = useMutation({
    mutationFn: (c: Contact) => api(`/elders/${elderId}/contacts/${c.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      void message.success(t("contacts.removed"));
      await queryClient.invalidateQueries({ queryKey: ["elders"] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  return (
    <>
      {writable && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => (setError(null), form.resetFields(), setOpen(true))}
          data-testid="contact-add"
        >
          {t("contacts.add")}
        </Button>
      )}
      {contacts.isError && <Alert type="error" showIcon title={errorText(contacts.error)} />}
      <Table<Contact>
        rowKey="id"
        size="small"
        data-testid="contact-table"
        loading={contacts.isPending}
        dataSource={contacts.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("contacts.empty") }}
        columns={[
          { title: t("contacts.name"), dataIndex: "name" },
          { title: t("contacts.relation"), dataIndex: "relation" },
          { title: t("contacts.phone"), dataIndex: "phone" },
          { title: t("contacts.isEmergency"), dataIndex: "isEmergency", render: (v: boolean) => (v ? <Tag color="red">{t("contacts.isEmergency")}</Tag> : t("common.none")) },
          { title: t("contacts.familyUsername"), dataIndex: "familyUsername", render: (v: string | null) => v ?? t("common.none") },
          ...(writable
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  render: (_: unknown, c: Contact) => (
                    <Popconfirm title={t("contacts.confirmRemove", { name: c.name })} onConfirm={() => remove.mutate(c)} okButtonProps={testId("contact-remove-confirm")}>
                      <Button danger size="small" icon={<DeleteOutlined />} data-testid="contact-remove">
                        {t("common.delete")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={open}
        title={t("contacts.add")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: add.isPending, ...testId("contact-submit") }}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" initialValues={{ isEmergency: false }} onFinish={(v) => add.mutate(v)} data-testid="contact-form">
          <Form.Item name="name" label={t("contacts.name")} rules={[required("contacts.name"), { max: 50 }]}>
            <Input maxLength={50} data-testid="contact-name" />
          </Form.Item>
          <Form.Item name="relation" label={t("contacts.relation")} rules={[required("contacts.relation"), { max: 20 }]}>
            <Input maxLength={20} data-testid="contact-relation" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("contacts.phone")}
            rules={[
              required("contacts.phone"),
              { validator: async (_r, v: string | undefined) => { if (v?.trim() && !isValidPhone(normalizePhone(v))) throw new Error(t("form.phoneInvalid")); } },
            ]}
          >
            <Input data-testid="contact-phone" />
          </Form.Item>
          <Form.Item name="isEmergency" valuePropName="checked">
            <Checkbox data-testid="contact-emergency">{t("contacts.isEmergency")}</Checkbox>
          </Form.Item>
          <Form.Item name="familyUsername" label={t("contacts.familyUsername")} extra={t("contacts.familyUsernameHelp")} rules={[{ max: 50 }]}>
            <Input maxLength={50} autoComplete="off" data-testid="contact-familyUsername" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
