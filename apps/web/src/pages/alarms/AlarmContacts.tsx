import { EyeOutlined, PhoneOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Contact } from "../../api/types.ts";
import { errorText } from "../../lib/problem.ts";

/** A full number to dial from the console (the softphone or the OS takes `tel:`). */
export function TelLink({ phone, testId }: { phone: string; testId: string }) {
  return (
    <a href={`tel:${phone}`} className="mono" data-testid={testId}>
      <PhoneOutlined /> {phone}
    </a>
  );
}

/** 显示完整号码 for one contact: the server hands over the full number and records who asked (contact.reveal). */
function RevealContact({ elderId, contact, onRevealed }: { elderId: string; contact: Contact; onRevealed: (phone: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => api<{ id: string; phone: string }>(`/elders/${elderId}/contacts/${contact.id}/reveal`, { method: "POST" }),
    onSuccess: (r) => onRevealed(r.phone),
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="alarm-contact-reveal">
      {t("alarms.revealContact")}
    </Button>
  );
}

/**
 * 家属联系人: whom to call in the family, masked; with `elder:reveal` each row can show its full number once asked for,
 * as a `tel:` link, and the page says that the reading was recorded.
 */
export function AlarmContacts({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // the same query key as the elder record's 联系人 tab
  const contacts = useQuery({ queryKey: ["elders", "contacts", elderId], queryFn: () => api<{ items: Contact[] }>(`/elders/${elderId}/contacts`) });
  // full numbers asked for while this alarm is open, by contact id (kept in the page only, never cached)
  const [full, setFull] = useState<ReadonlyMap<string, string>>(() => new Map());
  const mayReveal = can(me, "elder:reveal");
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("alarms.contacts")}
      </Typography.Title>
      {contacts.isError && <Alert type="error" showIcon title={errorText(contacts.error)} />}
      <Table<Contact>
        rowKey="id"
        size="small"
        data-testid="alarm-contacts"
        loading={contacts.isPending}
        dataSource={contacts.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("alarms.contactsEmpty")} /> }}
        onRow={(c) => ({ "data-testid": "alarm-contact", "data-contact-id": c.id, "data-revealed": String(full.has(c.id)) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("contacts.name"),
            dataIndex: "name",
            render: (v: string, c) => (
              <Space size={4}>
                {v}
                {c.isEmergency && <Tag color="red">{t("alarms.emergency")}</Tag>}
              </Space>
            ),
          },
          { title: t("contacts.relation"), dataIndex: "relation" },
          {
            title: t("contacts.phone"),
            dataIndex: "phone",
            render: (v: string, c) => {
              const phone = full.get(c.id);
              if (phone) return <TelLink phone={phone} testId="alarm-contact-phone" />;
              return (
                <Space size={8} wrap>
                  <span className="mono" data-testid="alarm-contact-phone">
                    {v}
                  </span>
                  {mayReveal && <RevealContact elderId={elderId} contact={c} onRevealed={(p) => setFull((m) => new Map(m).set(c.id, p))} />}
                </Space>
              );
            },
          },
        ]}
      />
      {(contacts.data?.items.length ?? 0) > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("alarms.contactMasked")}
          </Typography.Text>
        </div>
      )}
      {full.size > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alarm-contact-reveal-note">
            {t("alarms.revealContactNote")}
          </Typography.Text>
        </div>
      )}
    </>
  );
}
