import { CREDIT_KINDS, type CreditKind, type CreditStatus, NEGATIVE_LIST } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Collapse, List, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { CreditRecord } from "../../api/supervision.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import { CreditModal } from "./CreditModal.tsx";

const STATUS_COLOR: Record<CreditStatus, string> = { pending: "orange", approved: "green", rejected: "default", revoked: "default" };
const KIND_COLOR: Record<CreditKind, string> = { violation: "volcano", penalty: "red", commendation: "green", blacklist: "black" };

/** /supervision/credit — 信用与黑名单: the region's credit records; the district approves, rejects or revokes blacklistings. */
export function CreditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CreditKind | undefined>();
  const [adding, setAdding] = useState(false);
  const manage = can(me, "supervision:manage");
  // the district or above decides on blacklistings (not the one who proposed it)
  const decides = manage && !!me && me.regionCode.length <= 6;
  const list = useQuery({ queryKey: ["credit-records", kind ?? "all"], queryFn: () => api<{ items: CreditRecord[] }>("/credit-records", { query: { kind, limit: 500 } }) });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "approve" | "reject" | "revoke" }) => api<CreditRecord>(`/credit-records/${id}/${decision}`, { method: "POST", body: {} }),
    onSuccess: async (_r, v) => {
      void message.success(t(`supervision.credit.${v.decision}`));
      await queryClient.invalidateQueries({ queryKey: ["credit-records"] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <div data-testid="credit-page">
      <Card
        title={t("supervision.credit.title")}
        style={{ marginBottom: 16 }}
        extra={
          <Space>
            <a href="/h5/blacklist" target="_blank" rel="noreferrer">
              {t("supervision.credit.publicLink")}
            </a>
            <Select<CreditKind> allowClear style={{ width: 160 }} placeholder={t("common.all")} value={kind} onChange={setKind} options={CREDIT_KINDS.map((k) => ({ value: k, label: t(`supervision.credit.kinds.${k}`) }))} />
            {manage && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="credit-add">
                {t("supervision.credit.add")}
              </Button>
            )}
          </Space>
        }
      >
        {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
        <Table<CreditRecord>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t("supervision.credit.empty") }}
          onRow={(r) => ({ "data-testid": "credit-row", "data-id": r.id, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("supervision.credit.subject"), dataIndex: "subjectName", render: (v: string, r) => <Space direction="vertical" size={0}>{v}<Typography.Text type="secondary">{`${t(`supervision.credit.subjects.${r.subjectKind}`)} · ${r.regionName ?? r.regionCode}`}</Typography.Text></Space> },
            { title: t("supervision.credit.kind"), dataIndex: "kind", width: 130, render: (v: CreditKind) => <Tag color={KIND_COLOR[v]}>{t(`supervision.credit.kinds.${v}`)}</Tag> },
            {
              title: t("supervision.credit.reason"),
              dataIndex: "reason",
              render: (v: string, r) => (
                <Space direction="vertical" size={0}>
                  {r.prohibition && <Typography.Text type="danger">{t(`supervision.negative.${r.prohibition}`, { defaultValue: r.prohibitionName ?? r.prohibition })}</Typography.Text>}
                  {v}
                </Space>
              ),
            },
            { title: t("supervision.credit.period"), key: "period", width: 200, render: (_: unknown, r) => (r.startsOn ? `${r.startsOn} ~ ${r.endsOn ?? ""}` : t("common.none")) },
            {
              title: t("supervision.credit.status"),
              dataIndex: "status",
              width: 150,
              render: (v: CreditStatus, r) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[v]}>{t(`supervision.credit.statuses.${v}`)}</Tag>
                  {r.inForce && <Tag color="red">{t("supervision.credit.inForce")}</Tag>}
                </Space>
              ),
            },
            { title: t("supervision.credit.createdAt"), dataIndex: "createdAt", width: 170, render: (v: string) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              width: 160,
              render: (_: unknown, r) =>
                decides && r.kind === "blacklist" ? (
                  <Space size={4}>
                    {r.status === "pending" && r.createdBy !== me?.id && (
                      <>
                        <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: "approve" })} data-testid="credit-approve">
                          {t("supervision.credit.approve")}
                        </Button>
                        <Button size="small" onClick={() => decide.mutate({ id: r.id, decision: "reject" })}>
                          {t("supervision.credit.reject")}
                        </Button>
                      </>
                    )}
                    {r.status === "approved" && (
                      <Popconfirm title={t("supervision.credit.revoke")} onConfirm={() => decide.mutate({ id: r.id, decision: "revoke" })}>
                        <Button size="small" danger>
                          {t("supervision.credit.revoke")}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
        <CreditModal open={adding} onClose={() => setAdding(false)} />
      </Card>
      <Collapse
        items={[
          {
            key: "negative",
            label: t("supervision.credit.negativeList"),
            children: <List size="small" dataSource={[...NEGATIVE_LIST]} renderItem={(p, i) => <List.Item>{`${i + 1}. ${t(`supervision.negative.${p.key}`, { defaultValue: p.name })}`}</List.Item>} />,
          },
        ]}
      />
    </div>
  );
}
