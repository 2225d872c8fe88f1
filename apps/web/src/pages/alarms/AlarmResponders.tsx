import { CarOutlined, TeamOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ALARMS_KEY, type Alarm, type AlarmActionBody, type AlarmActionResult, type AlarmStep, afterAlarmAction, type Responder, respondersKey, useResponders, type WorkerResponder } from "../../api/alarms.ts";
import { can, useMe } from "../../api/auth.ts";
import { ApiError, api } from "../../api/client.ts";
import { useElder } from "../../api/elders.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { distanceParts } from "./distance.ts";
import { VolunteerPhone } from "./VolunteerPhone.tsx";

const NOTES_MAX = 500;

export function distanceText(t: TFunction, meters: number): string {
  const { unit, value } = distanceParts(meters);
  return t(unit === "m" ? "alarms.responders.meters" : "alarms.responders.kilometres", { v: value });
}

const keyOf = (r: Responder) => (r.kind === "worker" ? r.workerId : r.volunteerId);

/** Why the row's 派他/她上门 (or 请志愿者前往) cannot be pressed, or null when it can. */
function blockedBecause(t: TFunction, alarm: Alarm, r: Responder): string | null {
  if (alarm.status === "open") return t("alarms.responders.acknowledgeFirst");
  if (r.kind === "worker" && !r.product) return t("alarms.responders.noProduct");
  return null;
}

/** The body of the dispatch step: a caregiver's places an order under the product listed; a volunteer's places none. */
function dispatchBody(r: Responder, notes: string): AlarmActionBody {
  return r.kind === "worker" ? { action: "dispatch", notes: notes.trim(), workerId: r.workerId, productId: r.product!.id } : { action: "dispatch", notes: notes.trim(), volunteerId: r.volunteerId };
}

/** What the success message and banner say: the order placed for a caregiver, or the volunteer asked to go. */
function sentText(t: TFunction, step: AlarmStep | null): string {
  if (step?.volunteer) return t("alarms.responders.volunteerSent", { name: step.volunteer.name });
  return step?.result ? t("alarms.responders.dispatched", { no: step.result }) : t("alarms.responders.dispatchedNote");
}

function DutyTags({ r }: { r: WorkerResponder }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={r.onDuty ? "green" : "default"} style={{ marginInlineEnd: 0 }} data-testid="alarm-responder-duty">
        {r.onDuty ? t("alarms.responders.onDuty") : t("alarms.responders.offDuty")}
      </Tag>
      <Tag color={r.busy ? "orange" : "blue"} style={{ marginInlineEnd: 0 }} data-testid="alarm-responder-busy">
        {r.busy ? t("alarms.responders.busy") : t("alarms.responders.free")}
      </Tag>
    </Space>
  );
}

/**
 * 附近服务人员: the caregivers near the elder's home (on duty and free first, then nearest), each with 派他/她上门 —
 * which places an emergency order for the elder under the product listed and gives it to them, recorded as the
 * alarm's dispatch step with the order number. The server refuses it before 接警, and without a product there is
 * nothing to order: the button says why instead. The free-text 派人上门 of the action panel stays for anyone else.
 * Verified time-bank volunteers living nearby are listed too (志愿者): the operator reads their full number (audited)
 * and calls them; 请志愿者前往 then records the dispatch step naming them, and no order is placed.
 */
export function AlarmResponders({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const elder = useElder(alarm.elderId ?? undefined);
  const responders = useResponders(alarm.id, !!alarm.elderId);
  const { data: me } = useMe();
  // volunteers' full numbers asked for while this alarm is open, by volunteer id (kept in the page only, never cached)
  const [full, setFull] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [picked, setPicked] = useState<Responder | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<AlarmStep | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [form] = Form.useForm<{ notes: string }>();

  const dispatch = useMutation({
    mutationFn: ({ r, notes }: { r: Responder; notes: string }) =>
      api<AlarmActionResult>(`/alarms/${alarm.id}/actions`, { method: "POST", body: dispatchBody(r, notes) }),
    onSuccess: async (res) => {
      setPicked(null);
      setConflict(null);
      const step = res.actions.filter((s) => s.action === "dispatch").at(-1) ?? null;
      setSent(step);
      void message.success(sentText(t, step));
      void queryClient.invalidateQueries({ queryKey: respondersKey(alarm.id) });
      await afterAlarmAction(queryClient, alarm.id, res);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        // acknowledged or closed by a colleague meanwhile: the server's words, and the page catches up
        setPicked(null);
        setConflict(errorText(e));
        void queryClient.invalidateQueries({ queryKey: ALARMS_KEY });
        return;
      }
      applyFieldErrors(form, e);
      setFormError(errorText(e));
    },
  });

  const start = (r: Responder) => {
    setFormError(null);
    form.setFieldsValue({ notes: t(r.kind === "worker" ? "alarms.responders.notesDefault" : "alarms.responders.volunteerNotesDefault") });
    setPicked(r);
  };

  if (alarm.status === "closed" || !alarm.elderId) return null;
  const radiusKm = responders.data?.radiusKm ?? 5;
  const noPosition = elder.data && (elder.data.lat === null || elder.data.lng === null);
  return (
    <div data-testid="alarm-responders" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t("alarms.responders.title")}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("alarms.responders.intro", { km: radiusKm })}
      </Typography.Paragraph>
      {conflict && <Alert type="error" showIcon title={conflict} closable onClose={() => setConflict(null)} style={{ marginBottom: 8 }} data-testid="alarm-responder-error" />}
      {sent && (
        <Alert type="success" showIcon title={sentText(t, sent)} description={sent.notes} closable onClose={() => setSent(null)} style={{ marginBottom: 8 }} data-testid="alarm-responder-sent" />
      )}
      {responders.isError && <Alert type="error" showIcon title={errorText(responders.error)} style={{ marginBottom: 8 }} />}
      <Table<Responder>
        rowKey={keyOf}
        size="small"
        pagination={false}
        loading={responders.isPending}
        dataSource={responders.data?.items ?? []}
        data-testid="alarm-responder-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={noPosition ? t("alarms.responders.noPosition") : t("alarms.responders.empty", { km: radiusKm })} /> }}
        onRow={(r) =>
          (r.kind === "worker"
            ? ({ "data-testid": "alarm-responder", "data-kind": "worker", "data-worker-id": r.workerId, "data-has-product": String(!!r.product) } as React.HTMLAttributes<HTMLElement>)
            : ({ "data-testid": "alarm-responder", "data-kind": "volunteer", "data-volunteer-id": r.volunteerId } as React.HTMLAttributes<HTMLElement>))
        }
        columns={[
          {
            title: t("alarms.responders.name"),
            key: "name",
            render: (_: unknown, r) => (
              <div>
                <Space size={6} wrap>
                  <Typography.Text strong data-testid="alarm-responder-name">
                    {r.name}
                  </Typography.Text>
                  {r.kind === "worker" ? (
                    <DutyTags r={r} />
                  ) : (
                    <Tag color="purple" icon={<TeamOutlined />} style={{ marginInlineEnd: 0 }} data-testid="alarm-responder-volunteer-tag">
                      {t("alarms.responders.volunteerTag")}
                    </Tag>
                  )}
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alarm-responder-provider">
                    {r.kind === "worker" ? r.providerName : (r.team ?? t("alarms.responders.volunteerNoTeam"))}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t("alarms.responders.distance"),
            dataIndex: "distanceMeters",
            align: "right",
            render: (v: number) => (
              <span className="mono" style={{ whiteSpace: "nowrap" }} data-testid="alarm-responder-distance">
                {distanceText(t, v)}
              </span>
            ),
          },
          {
            title: t("alarms.responders.phone"),
            key: "phone",
            render: (_: unknown, r) =>
              r.kind === "worker" ? (
                <span className="mono" style={{ whiteSpace: "nowrap" }}>
                  {r.phone}
                </span>
              ) : (
                <VolunteerPhone alarmId={alarm.id} r={r} full={full.get(r.volunteerId)} mayReveal={can(me, "elder:reveal")} onRevealed={(p) => setFull((m) => new Map(m).set(r.volunteerId, p))} />
              ),
          },
          {
            title: t("alarms.responders.product"),
            key: "product",
            render: (_: unknown, r) =>
              r.kind === "volunteer" ? (
                <Typography.Text type="secondary">{t("alarms.responders.volunteerNoOrder")}</Typography.Text>
              ) : (
                (r.product?.name ?? <Typography.Text type="secondary">{t("common.none")}</Typography.Text>)
              ),
          },
          {
            title: t("common.actions"),
            key: "dispatch",
            render: (_: unknown, r) => {
              const why = blockedBecause(t, alarm, r);
              const button = (
                <Button
                  size="small"
                  icon={r.kind === "worker" ? <CarOutlined /> : <TeamOutlined />}
                  disabled={!!why}
                  loading={dispatch.isPending && !!dispatch.variables && keyOf(dispatch.variables.r) === keyOf(r)}
                  onClick={() => start(r)}
                  data-testid={r.kind === "worker" ? "alarm-responder-dispatch" : "alarm-volunteer-dispatch"}
                >
                  {t(r.kind === "worker" ? "alarms.responders.dispatch" : "alarms.responders.volunteerDispatch")}
                </Button>
              );
              return why ? <Tooltip title={why}>{button}</Tooltip> : button;
            },
          },
        ]}
      />
      {full.size > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="alarm-volunteer-reveal-note">
          {t("alarms.responders.revealNote")}
        </Typography.Text>
      )}
      <Modal
        open={!!picked}
        title={picked ? t(picked.kind === "worker" ? "alarms.responders.confirmTitle" : "alarms.responders.volunteerConfirmTitle", { name: picked.name }) : ""}
        onCancel={() => setPicked(null)}
        onOk={() => form.submit()}
        okText={t(picked?.kind === "volunteer" ? "alarms.responders.volunteerSubmit" : "alarms.responders.submit")}
        okButtonProps={{ loading: dispatch.isPending, ...testId("alarm-responder-submit") }}
        forceRender
      >
        {picked?.kind === "volunteer" && (
          <Space orientation="vertical" size={8} style={{ width: "100%", marginBottom: 12 }}>
            <Typography.Text strong>{t("alarms.responders.volunteerConfirmWho", { name: picked.name, distance: distanceText(t, picked.distanceMeters) })}</Typography.Text>
            <Alert type="info" showIcon title={t("alarms.responders.volunteerConfirmHow")} />
          </Space>
        )}
        {picked?.kind === "worker" && (
          <Space orientation="vertical" size={8} style={{ width: "100%", marginBottom: 12 }}>
            <Typography.Text strong>{t("alarms.responders.confirmWho", { name: picked.name, provider: picked.providerName, distance: distanceText(t, picked.distanceMeters) })}</Typography.Text>
            {picked.product && <Typography.Text>{t("alarms.responders.confirmProduct", { product: picked.product.name })}</Typography.Text>}
            {!picked.onDuty && <Alert type="warning" showIcon title={t("alarms.responders.offDutyWarning")} />}
            {picked.onDuty && picked.busy && <Alert type="warning" showIcon title={t("alarms.responders.busyWarning")} />}
          </Space>
        )}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="alarm-responder-form-error" />}
        <Form<{ notes: string }> form={form} layout="vertical" onFinish={(v) => picked && dispatch.mutate({ r: picked, notes: v.notes })}>
          <Form.Item
            name="notes"
            label={t("alarms.responders.notes")}
            rules={[{ required: true, whitespace: true, message: t("form.required", { field: t("alarms.responders.notes") }) }, { max: NOTES_MAX }]}
          >
            <Input.TextArea rows={2} maxLength={NOTES_MAX} data-testid="alarm-responder-notes" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
