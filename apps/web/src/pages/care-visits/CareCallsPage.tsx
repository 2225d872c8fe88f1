import { FINDING_LEVELS, VISIT_NEEDS } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { type CareCall, ESCALATION_COLOR, type FindingLevel, type VisitNeed, type VisitResult } from "../../api/visits.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

/** A call made today from this page: what the server answered, the row as it now stands, and the unanswered streak it made. */
type Called = { result: VisitResult; call: CareCall; streak: number };

/**
 * 关爱电话: today's calls for the call centre (phone plans due, calls after alarms) with the elder's masked phone.
 * 已接通 records what was heard (the same short form as a home visit); 无人接听 records that, and the third in a row
 * puts a home visit on the community worker's list today — the page says so. Rows called today stay on the page
 * (the plan itself has moved to tomorrow) so a second try later in the day is one click.
 */
export function CareCallsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [called, setCalled] = useState<Map<string, Called>>(new Map());
  const [answering, setAnswering] = useState<CareCall | null>(null);
  const calls = useQuery({ queryKey: ["care-calls"], queryFn: () => api<{ items: CareCall[] }>("/care-calls") });
  const done = (call: CareCall, result: VisitResult) => {
    setCalled((m) => new Map(m).set(call.elderId, { call: { ...call, unansweredCalls: result.unansweredCalls }, result, streak: result.outcome === "no_answer" ? call.unansweredCalls + 1 : 0 }));
    void message.success(t("visitsConsole.calls.recorded"));
    void queryClient.invalidateQueries({ queryKey: ["care-calls"] });
    void queryClient.invalidateQueries({ queryKey: ["visit-plans"] });
    void queryClient.invalidateQueries({ queryKey: ["follow-ups"] });
  };
  const noAnswer = useMutation({
    mutationFn: (call: CareCall) => api<VisitResult>("/visits", { method: "POST", body: { elderId: call.elderId, kind: "phone", outcome: "no_answer" } }),
    onSuccess: (r, call) => done(call, r),
    onError: (e) => void message.error(errorText(e)),
  });
  // the server's list first; the ones called today that have left it after them
  const listed = calls.data?.items ?? [];
  const rows = [...listed.map((c) => called.get(c.elderId)?.call ?? c), ...[...called.values()].filter((x) => !listed.some((c) => c.elderId === x.call.elderId)).map((x) => x.call)];
  const homeVisits = [...called.values()].filter((x) => x.result.followUps.some((f) => f.kind === "home_visit"));
  return (
    <Card title={t("visitsConsole.calls.title")} data-testid="care-calls-page">
      <Typography.Paragraph type="secondary">{t("visitsConsole.calls.intro")}</Typography.Paragraph>
      {homeVisits.map((x) => (
        <Alert key={x.call.elderId} type="warning" showIcon style={{ marginBottom: 12 }} title={t("visitsConsole.calls.homeVisitCreated", { name: x.call.elderName })} data-testid="care-call-home-visit" data-elder-id={x.call.elderId} />
      ))}
      {calls.isError && <Alert type="error" showIcon title={errorText(calls.error)} />}
      <Table<CareCall>
        rowKey={(c) => `${c.elderId}-${c.followUpId ?? "plan"}`}
        size="small"
        loading={calls.isFetching}
        dataSource={rows}
        locale={{ emptyText: t("visitsConsole.calls.none") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(c) => ({ "data-testid": "care-call-row", "data-elder-id": c.elderId, "data-called": called.get(c.elderId)?.result.outcome ?? "" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("visitsConsole.calls.elder"), dataIndex: "elderName" },
          { title: t("visitsConsole.calls.phone"), dataIndex: "phone", render: (p: string | null) => p ?? "—" },
          {
            title: t("visitsConsole.calls.reasons"),
            dataIndex: "reasons",
            render: (r: string[], c) => (
              <>
                <Tag color={c.source === "alarm" ? "volcano" : "blue"}>{t(`visitsConsole.calls.source.${c.source}`)}</Tag>
                {r.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </>
            ),
          },
          {
            title: t("visitsConsole.calls.due"),
            dataIndex: "dueOn",
            render: (d: string, c) => (
              <Space direction="vertical" size={0}>
                <span>{d}</span>
                {c.overdueDays > 0 && <Typography.Text type="danger">{t("visitsConsole.overdueDays", { n: c.overdueDays })}</Typography.Text>}
                {c.escalatedTo && <Tag color={ESCALATION_COLOR[c.escalatedTo]}>{t(`visitsConsole.escalated.${c.escalatedTo}`)}</Tag>}
              </Space>
            ),
          },
          { title: t("visitsConsole.calls.unanswered"), dataIndex: "unansweredCalls", render: (n: number) => <span data-testid="care-call-unanswered">{t("visitsConsole.calls.unansweredN", { n })}</span> },
          {
            title: "",
            key: "actions",
            render: (_: unknown, c) => {
              const today = called.get(c.elderId);
              return (
                <Space direction="vertical" size={4}>
                  {today && (
                    <Typography.Text type={today.result.outcome === "visited" ? "success" : "warning"} data-testid="care-call-today">
                      {today.result.outcome === "visited" ? t("visitsConsole.calls.calledAnswered") : t("visitsConsole.calls.calledNoAnswer", { n: today.streak })}
                      {today.result.followUps.map((f) => ` · ${t(`visitsConsole.result.${f.kind}`, { note: f.note ?? "", ref: f.ref ?? "" })}`).join("")}
                    </Typography.Text>
                  )}
                  {today?.result.outcome !== "visited" && !today?.result.followUps.some((f) => f.kind === "home_visit") && (
                    <Space>
                      <Button type="primary" size="small" onClick={() => setAnswering(c)} data-testid="care-call-answered">
                        {t("visitsConsole.calls.answered")}
                      </Button>
                      <Button size="small" loading={noAnswer.isPending && noAnswer.variables?.elderId === c.elderId} onClick={() => noAnswer.mutate(c)} data-testid="care-call-no-answer">
                        {today ? t("visitsConsole.calls.again") : t("visitsConsole.calls.noAnswer")}
                      </Button>
                    </Space>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <FollowUps />
      {answering && (
        <AnsweredModal
          call={answering}
          onClose={() => setAnswering(null)}
          onDone={(r) => {
            done(answering, r);
            setAnswering(null);
          }}
        />
      )}
    </Card>
  );
}

interface FollowUp {
  id: string;
  kind: string;
  dueDate: string;
  elderId: string;
  elderName: string | null;
}

/** 跟进任务 for the call centre: what visits and calls passed on (a worrying finding) and the home visits due after unanswered calls. */
function FollowUps() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const handles = can(me, "alarm:handle");
  const list = useQuery({ queryKey: ["follow-ups"], queryFn: () => api<{ items: FollowUp[] }>("/follow-ups"), enabled: handles });
  if (!handles) return null;
  const items = (list.data?.items ?? []).filter((f) => f.kind === "visit_concern" || f.kind === "home_visit");
  return (
    <Card size="small" title={t("visitsConsole.calls.followUps")} style={{ marginTop: 16 }} data-testid="care-follow-ups">
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<FollowUp>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        locale={{ emptyText: t("visitsConsole.calls.noFollowUps") }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(f) => ({ "data-testid": "care-follow-up-row", "data-elder-id": f.elderId, "data-kind": f.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("visitsConsole.calls.elder"), dataIndex: "elderName" },
          { title: t("visitsConsole.calls.followUpKind"), dataIndex: "kind", render: (k: string) => <Tag color={k === "visit_concern" ? "red" : "orange"}>{t(`visitsConsole.calls.followUpKinds.${k}`)}</Tag> },
          { title: t("visitsConsole.calls.followUpDue"), dataIndex: "dueDate" },
          { title: "", key: "close", width: 120, render: (_: unknown, f: FollowUp) => <CloseFollowUp id={f.id} /> },
        ]}
      />
    </Card>
  );
}

/** 办结: closes a follow-up task with what was done (required; on record). */
function CloseFollowUp({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const close = useMutation({
    mutationFn: (note: string) => api(`/follow-ups/${id}/close`, { method: "POST", body: { note } }),
    onSuccess: () => {
      setOpen(false);
      void message.success(t("visitsConsole.calls.closed"));
      void queryClient.invalidateQueries({ queryKey: ["follow-ups"] });
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      void message.error(errorText(err));
    },
  });
  return (
    <>
      <Button size="small" {...testId("care-follow-up-close")} onClick={() => setOpen(true)}>
        {t("visitsConsole.calls.close")}
      </Button>
      <Modal open={open} title={t("visitsConsole.calls.closeTitle")} okText={t("visitsConsole.calls.close")} confirmLoading={close.isPending} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => close.mutate(v.note.trim())}>
          <Form.Item name="note" label={t("visitsConsole.calls.closeNote")} rules={[{ required: true, whitespace: true, message: t("visitsConsole.calls.closeNoteRequired") }, { max: 500 }]}>
            <Input.TextArea rows={3} {...testId("care-follow-up-note")} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface FindingsForm {
  health: FindingLevel;
  homeSafety: FindingLevel;
  mood: FindingLevel;
  needs: VisitNeed[];
  notes?: string;
  alarmTask?: boolean;
  referral?: string;
}

/** 已接通: what the elder said, in the visit's short form; a worrying answer offers the follow-ups. */
function AnsweredModal({ call, onClose, onDone }: { call: CareCall; onClose: () => void; onDone: (r: VisitResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FindingsForm>();
  const levels = Form.useWatch([], form) as Partial<FindingsForm> | undefined;
  const worrying = !!levels && (levels.health === "concern" || levels.homeSafety === "concern" || levels.mood === "concern");
  const save = useMutation({
    mutationFn: (v: FindingsForm) =>
      api<VisitResult>("/visits", {
        method: "POST",
        body: {
          elderId: call.elderId,
          kind: "phone",
          outcome: "visited",
          findings: { health: v.health, homeSafety: v.homeSafety, mood: v.mood, needs: v.needs ?? [], ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) },
          ...(worrying ? { followUp: { alarmTask: !!v.alarmTask, ...(v.referral?.trim() ? { referral: v.referral.trim() } : {}) } } : {}),
        },
      }),
    onSuccess: onDone,
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal open width={640} title={t("visitsConsole.calls.formTitle", { name: call.elderName })} onCancel={onClose} onOk={() => form.submit()} okText={t("visitsConsole.calls.save")} confirmLoading={save.isPending} okButtonProps={testId("care-call-save")} destroyOnHidden>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ needs: [], alarmTask: true }} onFinish={(v) => save.mutate(v)}>
        {(["health", "homeSafety", "mood"] as const).map((a) => (
          <Form.Item key={a} name={a} label={t(`visitsConsole.findings.${a}`)} rules={[{ required: true, message: t("visitsConsole.findings.required") }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid={`care-call-${a}`}>
              {FINDING_LEVELS.map((l) => (
                <Radio.Button key={l} value={l} data-testid={`care-call-${a}-${l}`}>
                  {t(`visitsConsole.findings.levels.${l}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        ))}
        <Form.Item name="needs" label={t("visitsConsole.findings.needs")}>
          <Checkbox.Group options={VISIT_NEEDS.map((n) => ({ value: n, label: t(`visitsConsole.findings.need.${n}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t("visitsConsole.findings.notes")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {worrying && (
          <Card size="small" title={t("visitsConsole.findings.followUps")} data-testid="care-call-follow-ups">
            <Form.Item name="alarmTask" valuePropName="checked">
              <Checkbox>{t("visitsConsole.findings.alarmTask")}</Checkbox>
            </Form.Item>
            <Form.Item name="referral" label={t("visitsConsole.findings.referral")}>
              <Input maxLength={200} />
            </Form.Item>
          </Card>
        )}
      </Form>
    </Modal>
  );
}
