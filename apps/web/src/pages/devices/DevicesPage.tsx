import { DisconnectOutlined, PlusOutlined, WarningOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { DEVICES_KEY, type Device } from "../../api/alarms.ts";
import { api } from "../../api/client.ts";
import { enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { formatDateTime } from "../../lib/time.ts";
import { ElderPicker } from "../calls/ElderPicker.tsx";
import { lowBattery, OFFLINE_AFTER_HEARTBEATS, offline } from "./health.ts";
import { RegisterDeviceModal } from "./RegisterDeviceModal.tsx";

/** 绑定老人 / 更换老人: picks an active elder of the region; the server keeps the binding's history. */
function BindModal({ device, onClose }: { device: Device | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [elderId, setElderId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const bind = useMutation({
    mutationFn: () => api<Device>(`/devices/${device!.id}/binding`, { method: "POST", body: { elderId } }),
    onSuccess: async () => {
      void message.success(t("devices.bound"));
      close();
      await queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    },
    onError: (e) => setError(errorText(e)),
  });
  const close = () => {
    setElderId(undefined);
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={!!device}
      title={device ? t("devices.bindTitle", { serial: device.serial }) : ""}
      onCancel={close}
      onOk={() => bind.mutate()}
      okButtonProps={{ disabled: !elderId, loading: bind.isPending, ...testId("device-bind-submit") }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="device-bind-error" />}
      <Form layout="vertical" data-testid="device-bind-form">
        <Form.Item label={t("devices.pickElder")}>
          <ElderPicker value={elderId} onChange={setElderId} testId="device-bind-elder" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * /devices — 终端设备: the region's alarm terminals with the bound elder, last seen, battery (low flagged) and heartbeat
 * interval; 登记设备 (credentials shown once), 绑定 / 更换 / 解绑.
 */
export function DevicesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [binding, setBinding] = useState<Device | null>(null);
  const [q, setQ] = useState("");
  const devices = useQuery({ queryKey: DEVICES_KEY, queryFn: () => api<{ items: Device[] }>("/devices") });
  const unbind = useMutation({
    mutationFn: (d: Device) => api<Device>(`/devices/${d.id}/binding`, { method: "POST", body: { elderId: null } }),
    onSuccess: async () => {
      void message.success(t("devices.unboundDone"));
      await queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const now = Date.now();
  const needle = q.trim().toLowerCase();
  const items = (devices.data?.items ?? []).filter((d) => !needle || `${d.serial} ${d.vendor} ${d.model} ${d.elderName ?? ""}`.toLowerCase().includes(needle));

  return (
    <Card
      data-testid="devices-page"
      title={t("devices.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="device-register">
          {t("devices.register")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("devices.intro")}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t("devices.searchPlaceholder")} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} data-testid="device-search" />
        {devices.data && <Typography.Text type="secondary">{t("devices.count", { count: items.length })}</Typography.Text>}
      </Space>
      {devices.isError && <Alert type="error" showIcon title={errorText(devices.error)} style={{ marginBottom: 16 }} />}
      <Table<Device>
        rowKey="id"
        size="small"
        data-testid="device-table"
        loading={devices.isPending}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t("devices.empty") }}
        onRow={(d) =>
          ({ "data-testid": "device-row", "data-device-id": d.id, "data-bound": String(!!d.elderId), "data-low-battery": String(lowBattery(d.battery)) }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t("devices.serial"), dataIndex: "serial", render: (v: string) => <span className="mono">{v}</span> },
          { title: t("devices.type"), dataIndex: "type", render: (v: string) => enumLabel(t, "deviceType", v) },
          { title: t("devices.vendorModel"), key: "vendor", render: (_: unknown, d) => `${d.vendor} / ${d.model}` },
          {
            title: t("devices.elder"),
            dataIndex: "elderName",
            render: (v: string | null | undefined, d) =>
              d.elderId ? (
                <Link to={`/elders/${d.elderId}`} data-testid="device-elder" data-elder-id={d.elderId}>
                  {v ?? t("devices.elderRecord")}
                </Link>
              ) : (
                <Typography.Text type="secondary" data-testid="device-elder-unbound">
                  {t("devices.unbound")}
                </Typography.Text>
              ),
          },
          {
            title: t("devices.lastSeen"),
            dataIndex: "lastSeenAt",
            render: (v: string | null, d) => {
              const silent = offline(v, d.heartbeatSeconds, now);
              return (
                <Space size={4} data-testid="device-last-seen" data-offline={String(silent)}>
                  <span className="mono">{v ? formatDateTime(v) : t("devices.never")}</span>
                  {silent && (
                    <Tooltip title={t("devices.offlineHelp", { n: OFFLINE_AFTER_HEARTBEATS })}>
                      <Tag color="orange" icon={<DisconnectOutlined />}>
                        {t("devices.offline")}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
          {
            title: t("devices.battery"),
            dataIndex: "battery",
            align: "right",
            render: (v: number | null) => {
              const low = lowBattery(v);
              return (
                <Space size={4} data-testid="device-battery" data-low={String(low)}>
                  {v === null ? t("common.none") : <Typography.Text type={low ? "danger" : undefined} className="mono">{v}%</Typography.Text>}
                  {low && (
                    <Tag color="red" icon={<WarningOutlined />}>
                      {t("devices.lowBattery")}
                    </Tag>
                  )}
                </Space>
              );
            },
          },
          { title: t("devices.heartbeat"), dataIndex: "heartbeatSeconds", align: "right", render: (v: number) => t("devices.heartbeatValue", { v }) },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, d) => (
              <Space size={4}>
                <Button size="small" onClick={() => setBinding(d)} data-testid="device-bind">
                  {d.elderId ? t("devices.rebind") : t("devices.bind")}
                </Button>
                {d.elderId && (
                  <Popconfirm title={t("devices.confirmUnbind", { serial: d.serial })} onConfirm={() => unbind.mutate(d)} okButtonProps={testId("device-unbind-confirm")}>
                    <Button size="small" danger loading={unbind.isPending && unbind.variables?.id === d.id} data-testid="device-unbind">
                      {t("devices.unbind")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RegisterDeviceModal open={registering} onClose={() => setRegistering(false)} />
      <BindModal device={binding} onClose={() => setBinding(null)} />
    </Card>
  );
}
