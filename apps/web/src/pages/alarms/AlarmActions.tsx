import { AlertOutlined, CarOutlined, CheckCircleOutlined, EditOutlined, PhoneOutlined, TeamOutlined } from "@ant-design/icons";
import { ALARM_OUTCOMES } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ALARMS_KEY, type Alarm, type AlarmActionBody, type AlarmActionName, type AlarmActionResult, afterAlarmAction } from "../../api/alarms.ts";
import { ApiError, api } from "../../api/client.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

/** The steps after 接警, in the order an operator usually takes them. */
const STEPS = ["call_elder", "call_family", "dispatch", "call_emergency", "note", "close"] as const satisfies readonly AlarmActionName[];
type Step = (typeof STEPS)[number];
const ICONS: Record<Step, ReactNode> = {
  call_elder: <PhoneOutlined />,
  call_family: <TeamOutlined />,
  dispatch: <CarOutlined />,
  call_emergency: <AlertOutlined />,
  note: <EditOutlined />,
  close: <CheckCircleOutlined />,
};

interface Values {
  result?: string;
  notes?: string;
  outcome?: (typeof ALARM_OUTCOMES)[number];
}

function bodyOf(action: AlarmActionName, v: Values): AlarmActionBody {
  const notes = v.notes?.trim() || undefined;
  switch (action) {
    case "acknowledge":
      return { action };
    case "call_elder":
    case "call_family":
      return { action, result: v.result as "answered" | "no_answer", notes };
    case "call_emergency":
      return { action, result: v.result as "120" | "110" | "119", notes };
    case "dispatch":
    case "note":
      // free text: who was sent, written by hand (a caregiver from the nearby list goes through AlarmResponders)
      return { action, notes: notes ?? "" };
    case "close":
      return { action, outcome: v.outcome!, notes };
  }
}

/**
 * 接警 first; then calls to the elder and the family (answered or not), someone sent round, 120/110/119, notes, and
 * 关闭 with an outcome. Each step is posted at once; a 409 (a colleague got there first, the alarm is closed) shows the
 * server's Chinese detail and fetches the queue again.
 */
export function AlarmActions({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Step | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const run = useMutation({
    mutationFn: ({ action, values }: { action: AlarmActionName; values: Values }) =>
      api<AlarmActionResult>(`/alarms/${alarm.id}/actions`, { method: "POST", body: bodyOf(action, values) }),
    onSuccess: async (r, { action }) => {
      setOpen(null);
      setConflict(null);
      void message.success(t("alarms.done", { action: t(`alarmAction.${action}`) }));
      await afterAlarmAction(queryClient, alarm.id, r);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        setOpen(null);
        setConflict(errorText(e));
        void message.error(t("alarms.conflict", { detail: errorText(e) }));
        // not awaited: the button stops spinning now, the queue catches up when it can
        void queryClient.invalidateQueries({ queryKey: ALARMS_KEY });
        return;
      }
      if (open) {
        applyFieldErrors(form, e);
        setFormError(errorText(e));
      } else void message.error(errorText(e));
    },
  });

  const start = (a: Step) => {
    setFormError(null);
    form.resetFields();
    setOpen(a);
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  const radios = (values: readonly string[], label: (v: string) => string) => (
    <Radio.Group
      optionType="button"
      buttonStyle="solid"
      data-testid="alarm-action-result"
      options={values.map((v) => ({ value: v, label: <span data-testid={`alarm-action-result-${v}`}>{label(v)}</span> }))}
    />
  );
  const notesField = (labelKey: string, max: number, mandatory: boolean, extra?: string) => (
    <Form.Item name="notes" label={t(labelKey)} extra={extra} rules={mandatory ? [required(labelKey), { max }] : [{ max }]}>
      <Input.TextArea rows={3} maxLength={max} data-testid="alarm-action-notes" />
    </Form.Item>
  );

  if (alarm.status === "closed") return null;
  const acknowledged = alarm.status === "acknowledged";
  return (
    <>
      {conflict && <Alert type="error" showIcon title={conflict} closable onClose={() => setConflict(null)} style={{ marginBottom: 12 }} data-testid="alarm-action-error" />}
      <Space wrap data-testid="alarm-actions">
        {!acknowledged && (
          <Button type="primary" danger size="large" loading={run.isPending && run.variables?.action === "acknowledge"} onClick={() => run.mutate({ action: "acknowledge", values: {} })} data-testid="alarm-acknowledge">
            {t("alarmAction.acknowledge")}
          </Button>
        )}
        {STEPS.map((a) => {
          const button = (
            <Button key={a} icon={ICONS[a]} disabled={!acknowledged} type={a === "close" ? "primary" : "default"} danger={a === "call_emergency"} onClick={() => start(a)} data-testid={`alarm-action-${a}`}>
              {t(`alarmAction.${a}`)}
            </Button>
          );
          return acknowledged ? (
            button
          ) : (
            <Tooltip key={a} title={t("alarms.acknowledgeFirst")}>
              {button}
            </Tooltip>
          );
        })}
      </Space>
      <Modal
        open={!!open}
        title={open ? t(`alarmAction.${open}`) : ""}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: run.isPending, danger: open === "call_emergency", ...testId("alarm-action-submit") }}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="alarm-action-form-error" />}
        <Form<Values> form={form} layout="vertical" data-testid="alarm-action-form" onFinish={(values) => open && run.mutate({ action: open, values })}>
          {(open === "call_elder" || open === "call_family") && (
            <>
              <Form.Item name="result" label={t("alarms.result")} rules={[{ required: true, message: t("form.required", { field: t("alarms.result") }) }]}>
                {radios(["answered", "no_answer"], (v) => t(`callResult.${v}`))}
              </Form.Item>
              {notesField("alarms.notes", 500, false)}
            </>
          )}
          {open === "call_emergency" && (
            <>
              <Form.Item name="result" label={t("alarms.emergencyNumber")} rules={[{ required: true, message: t("form.required", { field: t("alarms.emergencyNumber") }) }]}>
                {radios(["120", "110", "119"], (v) => v)}
              </Form.Item>
              {notesField("alarms.notes", 500, false)}
            </>
          )}
          {open === "dispatch" && notesField("alarms.dispatchWho", 500, true, t("alarms.dispatchHelp"))}
          {open === "note" && notesField("alarms.noteText", 1000, true)}
          {open === "close" && (
            <>
              <Form.Item name="outcome" label={t("alarms.outcome")} rules={[{ required: true, message: t("form.required", { field: t("alarms.outcome") }) }]}>
                <Select
                  data-testid="alarm-action-outcome"
                  options={ALARM_OUTCOMES.map((o) => ({ value: o, label: <span data-testid={`alarm-outcome-${o}`}>{t(`alarmOutcome.${o}`)}</span> }))}
                />
              </Form.Item>
              {notesField("alarms.closeNotes", 1000, false)}
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
