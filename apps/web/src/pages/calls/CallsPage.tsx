import { PhoneOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api/client.ts";
import type { InboundCall } from "../../api/orders.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs, formatDateTime, TZ } from "../../lib/time.ts";
import { OrderPanel } from "../orders/OrderPanel.tsx";
import { CallElder } from "./CallElder.tsx";
import { ElderPicker } from "./ElderPicker.tsx";

const QUEUE_KEY = ["calls", "untaken"] as const;

/**
 * /calls — the hotline operator's screen: the queue of calls not yet answered (polled every 2 s), each popped up once
 * as a notification and shown as a card with the matched elder; 接听 takes the call and opens the order panel.
 */
export function CallsPage() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const [active, setActive] = useState<InboundCall | null>(null);
  const [pickedElder, setPickedElder] = useState<string | undefined>();
  const queue = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: () => api<{ items: InboundCall[] }>("/calls", { query: { untaken: "true" } }),
    refetchInterval: 2000,
    refetchIntervalInBackground: true,
  });
  const recent = useQuery({ queryKey: ["calls", "recent"], queryFn: () => api<{ items: InboundCall[] }>("/calls", { query: { minutes: 480 } }), refetchInterval: 15_000 });

  const take = useMutation({
    mutationFn: (c: InboundCall) => api(`/calls/${c.id}/take`, { method: "POST" }),
    onSuccess: async (_r, c) => {
      notification.destroy(c.id);
      setActive(c);
      setPickedElder(undefined);
      await queryClient.invalidateQueries({ queryKey: ["calls"] });
    },
    onError: async (e) => {
      void message.error(errorText(e));
      await queryClient.invalidateQueries({ queryKey: ["calls"] });
    },
  });

  // each new call pops up once; a call that leaves the queue (answered here or by a colleague) closes its pop-up
  const shown = useRef(new Set<string>());
  const items = queue.data?.items ?? [];
  useEffect(() => {
    for (const c of items) {
      if (shown.current.has(c.id)) continue;
      shown.current.add(c.id);
      notification.open({
        key: c.id,
        duration: false,
        icon: <PhoneOutlined style={{ color: "#1677ff" }} />,
        title: t("calls.incoming", { from: c.from }),
        description: c.elder ? `${c.elder.name ?? ""}${c.elder.age !== null ? `，${t("calls.ageValue", { age: c.elder.age })}` : ""}，${c.elder.address ?? ""}` : t("calls.unmatched"),
        actions: (
          <Button type="primary" size="small" onClick={() => take.mutate(c)} data-testid="call-notification-take">
            {t("calls.take")}
          </Button>
        ),
        props: { "data-testid": "call-notification" } as React.HTMLAttributes<HTMLDivElement>,
      });
    }
    for (const id of shown.current) if (!items.some((c) => c.id === id)) notification.destroy(id);
  }, [items, notification, t, take]);
  // leaving the page closes the pop-ups (the queue is polled only here)
  useEffect(() => () => notification.destroy(), [notification]);

  const elderId = active?.elder?.id ?? pickedElder;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="calls-page">
      {active && (
        <Card
          data-testid="call-active"
          data-call-id={active.id}
          title={
            <Space>
              <PhoneOutlined />
              {t("calls.current")}
              <Typography.Text className="mono">{active.from}</Typography.Text>
            </Space>
          }
          extra={
            <Button onClick={() => setActive(null)} data-testid="call-end">
              {t("calls.end")}
            </Button>
          }
        >
          <Row gutter={24}>
            <Col xs={24} xl={7}>
              <CallElder call={active} />
              {!active.elder && (
                <div style={{ marginTop: 12 }}>
                  <Typography.Paragraph type="secondary">{t("calls.unmatchedHelp", { from: active.from })}</Typography.Paragraph>
                  <ElderPicker value={pickedElder} onChange={setPickedElder} />
                </div>
              )}
            </Col>
            <Col xs={24} xl={17}>{elderId && <OrderPanel key={elderId} elderId={elderId} callId={active.callId} showElder={!active.elder} />}</Col>
          </Row>
        </Card>
      )}

      <Card title={t("calls.title")} extra={<Typography.Text type="secondary">{t("calls.intro")}</Typography.Text>}>
        {queue.isError && <Alert type="error" showIcon title={errorText(queue.error)} style={{ marginBottom: 16 }} />}
        {items.length === 0 ? (
          <Empty description={t("calls.waiting")} data-testid="calls-empty" />
        ) : (
          <Row gutter={[16, 16]} data-testid="call-queue">
            {items.map((c) => (
              <Col key={c.id} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  data-testid="call-card"
                  data-call-id={c.id}
                  data-matched={String(!!c.elder)}
                  style={{ borderColor: "#1677ff", boxShadow: "0 0 0 1px #1677ff" }}
                  title={
                    <Space>
                      <PhoneOutlined />
                      <span className="mono">{c.from}</span>
                    </Space>
                  }
                  extra={<Typography.Text type="secondary">{dayjs(c.receivedAt).tz(TZ).format("HH:mm:ss")}</Typography.Text>}
                  actions={[
                    <Button key="take" type="primary" icon={<PhoneOutlined />} loading={take.isPending && take.variables?.id === c.id} onClick={() => take.mutate(c)} data-testid="call-take">
                      {t("calls.take")}
                    </Button>,
                  ]}
                >
                  <CallElder call={c} />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card title={t("calls.recent")} size="small">
        <Table<InboundCall>
          rowKey="id"
          size="small"
          data-testid="calls-recent"
          loading={recent.isPending}
          dataSource={recent.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t("calls.recentEmpty") }}
          columns={[
            { title: t("calls.receivedAt"), dataIndex: "receivedAt", width: 170, render: (v: string) => formatDateTime(v) },
            { title: t("fields.phone"), dataIndex: "from", width: 130, render: (v: string) => <span className="mono">{v}</span> },
            {
              title: t("calls.elder"),
              key: "elder",
              render: (_: unknown, c) => (c.elder ? <Link to={`/elders/${c.elder.id}`}>{c.elder.name}</Link> : <Typography.Text type="secondary">{t("calls.unmatched")}</Typography.Text>),
            },
            { title: t("calls.status"), dataIndex: "takenAt", width: 110, render: (v: string | null) => (v ? <Tag color="green">{t("calls.taken")}</Tag> : <Tag color="orange">{t("calls.untaken")}</Tag>) },
            { title: t("calls.order"), dataIndex: "orderId", width: 100, render: (v: string | null) => (v ? <Link to={`/orders/${v}`}>{t("place.openOrder")}</Link> : t("common.none")) },
          ]}
        />
      </Card>
    </Space>
  );
}
