import { CopyOutlined } from "@ant-design/icons";
import { DEVICE_TYPES, MESSAGE_KINDS } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DEVICES_KEY, type RegisteredDevice } from "../../api/alarms.ts";
import { ApiError, api } from "../../api/client.ts";
import { enumOptions } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { ElderPicker } from "../calls/ElderPicker.tsx";

interface Values {
  serial: string;
  type: (typeof DEVICE_TYPES)[number];
  vendor: string;
  model: string;
  simPhone?: string;
  firmware?: string;
  heartbeatSeconds: number;
  elderId?: string;
}

/** Copies text: the async clipboard where the page is a secure context, a hidden textarea otherwise (plain http on a LAN). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** The device's credentials and where it reports, shown once: the server keeps only a hash of the secret. */
function Credentials({ device }: { device: RegisteredDevice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const topic = `cc/v1/devices/${device.serial}/{kind}`;
  const http = `POST ${window.location.origin}/api/v1/device-messages`;
  const all = [
    `${t("devices.username")}: ${device.credentials.username}`,
    `${t("devices.password")}: ${device.credentials.password}`,
    `${t("devices.mqtt")}: ${topic} (${MESSAGE_KINDS.join(", ")})`,
    `${t("devices.http")}: ${http}`,
  ].join("\n");
  return (
    <div data-testid="device-credentials" data-device-id={device.id}>
      <Alert type="warning" showIcon title={t("devices.credentialsOnce")} style={{ marginBottom: 16 }} />
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label={t("devices.username")}>
          <Typography.Text copyable code data-testid="device-credentials-username">
            {device.credentials.username}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("devices.password")}>
          <Typography.Text copyable code data-testid="device-credentials-password">
            {device.credentials.password}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("devices.mqtt")}>
          <Typography.Text copyable code data-testid="device-credentials-topic">
            {topic}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("devices.mqttHelp")}
            </Typography.Text>
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t("devices.http")}>
          <Typography.Text copyable code data-testid="device-credentials-http">
            {http}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("devices.httpHelp")}
            </Typography.Text>
          </div>
        </Descriptions.Item>
      </Descriptions>
      <Button
        icon={<CopyOutlined />}
        style={{ marginTop: 16 }}
        onClick={() => copyText(all).then(() => void message.success(t("devices.copied")), (e: unknown) => void message.error(errorText(e)))}
        data-testid="device-credentials-copy"
      >
        {t("devices.copy")}
      </Button>
    </div>
  );
}

/** 登记设备: the registration form, then — once — the credentials the server answered. */
export function RegisterDeviceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);

  const register = useMutation({
    mutationFn: (v: Values) =>
      api<RegisteredDevice>("/devices", {
        method: "POST",
        body: {
          serial: v.serial.trim(),
          type: v.type,
          vendor: v.vendor.trim(),
          model: v.model.trim(),
          ...(v.simPhone?.trim() ? { simPhone: v.simPhone.trim() } : {}),
          ...(v.firmware?.trim() ? { firmware: v.firmware.trim() } : {}),
          heartbeatSeconds: v.heartbeatSeconds,
          ...(v.elderId ? { elderId: v.elderId } : {}),
        },
      }),
    onSuccess: async (d) => {
      setRegistered(d);
      void message.success(t("devices.registered"));
      await queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    },
    onError: (e) => {
      // a serial already registered is a 409 without a field path: it belongs on the serial, and only there
      if (e instanceof ApiError && e.status === 409) {
        form.setFields([{ name: "serial", errors: [errorText(e)] }]);
        setError(null);
        return;
      }
      const unplaced = applyFieldErrors(form, e);
      setError(e instanceof ApiError && e.problem.errors?.length && unplaced.length === 0 ? null : errorText(e));
    },
  });

  const close = () => {
    // the secret is gone with the dialog: nothing keeps it
    setRegistered(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });

  return (
    <Modal
      open={open}
      title={registered ? t("devices.credentialsTitle", { serial: registered.serial }) : t("devices.register")}
      width={640}
      maskClosable={false}
      onCancel={close}
      forceRender
      footer={
        registered ? (
          <Button type="primary" onClick={close} data-testid="device-credentials-done">
            {t("devices.done")}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={close}>
              {t("common.cancel")}
            </Button>,
            <Button key="ok" type="primary" loading={register.isPending} onClick={() => form.submit()} data-testid="device-form-submit">
              {t("devices.register")}
            </Button>,
          ]
        )
      }
    >
      {registered ? (
        <Credentials device={registered} />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="device-form-error" />}
          <Form<Values> form={form} layout="vertical" initialValues={{ heartbeatSeconds: 300 }} onFinish={(v) => register.mutate(v)} data-testid="device-form">
            <Form.Item name="serial" label={t("devices.serial")} rules={[required("devices.serial"), { pattern: /^[A-Za-z0-9_-]{1,64}$/, message: t("devices.serialInvalid") }]}>
              <Input maxLength={64} autoComplete="off" className="mono" data-testid="device-form-serial" />
            </Form.Item>
            <Form.Item name="type" label={t("devices.type")} rules={[{ required: true, message: t("form.required", { field: t("devices.type") }) }]}>
              <Select options={enumOptions(t, "deviceType", DEVICE_TYPES)} data-testid="device-form-type" />
            </Form.Item>
            <Form.Item name="vendor" label={t("devices.vendor")} rules={[required("devices.vendor"), { max: 50 }]}>
              <Input maxLength={50} data-testid="device-form-vendor" />
            </Form.Item>
            <Form.Item name="model" label={t("devices.model")} rules={[required("devices.model"), { max: 50 }]}>
              <Input maxLength={50} data-testid="device-form-model" />
            </Form.Item>
            <Form.Item name="simPhone" label={t("devices.simPhone")} rules={[{ max: 20 }]}>
              <Input maxLength={20} data-testid="device-form-simPhone" />
            </Form.Item>
            <Form.Item name="firmware" label={t("devices.firmware")} rules={[{ max: 40 }]}>
              <Input maxLength={40} data-testid="device-form-firmware" />
            </Form.Item>
            <Form.Item name="heartbeatSeconds" label={t("devices.heartbeat")} extra={t("devices.heartbeatHelp")} rules={[{ required: true, message: t("form.required", { field: t("devices.heartbeat") }) }]}>
              <InputNumber min={10} max={7 * 24 * 3600} precision={0} suffix={t("devices.seconds")} style={{ width: 200 }} data-testid="device-form-heartbeatSeconds" />
            </Form.Item>
            <Form.Item name="elderId" label={t("devices.elder")} extra={t("devices.elderHelp")}>
              <ElderPicker testId="device-form-elder" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
