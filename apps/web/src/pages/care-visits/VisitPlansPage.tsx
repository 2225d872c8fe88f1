import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Volunteer } from "../../api/timebank.ts";
import { ESCALATION_COLOR, mayManageVisits, type VisitPlan } from "../../api/visits.ts";
import { errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

/**
 * 探访计划: the region's plans from the risk rules (生成计划 for staff who may write the registry), the most overdue
 * first with their escalation, and the visitor of each (a community worker or a verified volunteer).
 */
export function VisitPlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"" | "home" | "phone">("");
  const [overdue, setOverdue] = useState(false);
  const [assigning, setAssigning] = useState<VisitPlan | null>(null);
  const plans = useQuery({
    queryKey: ["visit-plans", kind, overdue],
    queryFn: () => api<{ items: VisitPlan[] }>("/visit-plans", { query: { kind: kind || undefined, overdue: overdue ? "true" : undefined } }),
  });
  const generate = useMutation({
    mutationFn: () => api<{ plans: number; ended: number }>("/visit-plans", { method: "POST", body: {} }),
    onSuccess: (r) => {
      void message.success(t("visitsConsole.plans.generated", r));
      void queryClient.invalidateQueries({ queryKey: ["visit-plans"] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const manage = !!me && mayManageVisits(me);
  return (
    <Card
      title={t("visitsConsole.plans.title")}
      data-testid="visit-plans-page"
      extra={
        manage && (
          <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate()} data-testid="visit-plans-generate">
            {t("visitsConsole.plans.generate")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("visitsConsole.plans.intro")}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" data-testid="visit-plans-kind">
          <Radio.Button value="">{t("visitsConsole.plans.allKinds")}</Radio.Button>
          <Radio.Button value="home">{t("visitsConsole.kind.home")}</Radio.Button>
          <Radio.Button value="phone">{t("visitsConsole.kind.phone")}</Radio.Button>
        </Radio.Group>
        <Space>
          <Switch checked={overdue} onChange={setOverdue} data-testid="visit-plans-overdue" />
          {t("visitsConsole.plans.onlyOverdue")}
        </Space>
      </Space>
      {plans.isError && <Alert type="error" showIcon title={errorText(plans.error)} />}
      <Table<VisitPlan>
        rowKey="elderId"
        size="small"
        loading={plans.isFetching}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t("visitsConsole.plans.none") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(p) => ({ "data-testid": "visit-plan-row", "data-elder-id": p.elderId, "data-kind": p.kind, "data-overdue": p.overdueDays }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("visitsConsole.plans.elder"), dataIndex: "elderName" },
          { title: t("visitsConsole.plans.address"), dataIndex: "address", ellipsis: true },
          { title: t("visitsConsole.plans.kind"), dataIndex: "kind", render: (k: VisitPlan["kind"]) => <Tag color={k === "home" ? "blue" : "cyan"}>{t(`visitsConsole.kind.${k}`)}</Tag> },
          { title: t("visitsConsole.plans.frequency"), dataIndex: "everyDays", render: (n: number) => t("visitsConsole.everyDays", { n }) },
          { title: t("visitsConsole.plans.reasons"), dataIndex: "reasons", render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: t("visitsConsole.plans.nextDue"),
            dataIndex: "nextDue",
            render: (d: string, p) => (
              <Space direction="vertical" size={0}>
                <Typography.Text type={p.overdueDays > 0 ? "danger" : undefined} strong={p.overdueDays > 0}>
                  {d}
                </Typography.Text>
                {p.overdueDays > 0 && <Typography.Text type="danger">{t("visitsConsole.overdueDays", { n: p.overdueDays })}</Typography.Text>}
                {p.escalatedTo && (
                  <Tag color={ESCALATION_COLOR[p.escalatedTo]} data-testid="visit-plan-escalated">
                    {t(`visitsConsole.escalated.${p.escalatedTo}`)}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t("visitsConsole.plans.lastDone"), dataIndex: "lastDoneOn", render: (d: string | null) => d ?? "—" },
          {
            title: t("visitsConsole.plans.assignee"),
            dataIndex: "assigneeName",
            render: (n: string | null, p) => (
              <Space>
                {n ? <span data-testid="visit-plan-assignee">{n}</span> : <Tag color="red">{t("visitsConsole.plans.unassigned")}</Tag>}
                {manage && (
                  <Button size="small" onClick={() => setAssigning(p)} data-testid="visit-plan-assign">
                    {t("visitsConsole.plans.assign")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {assigning && <AssignModal plan={assigning} workers={workersOf(plans.data?.items ?? [])} onClose={() => setAssigning(null)} />}
    </Card>
  );
}

/** The community workers the plans already name (the generator spreads plans over every worker of a community). */
function workersOf(plans: VisitPlan[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const p of plans) if (p.assigneeUserId && p.assigneeName) seen.set(p.assigneeUserId, p.assigneeName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function AssignModal({ plan, workers, onClose }: { plan: VisitPlan; workers: { id: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ who: "worker" | "volunteer"; userId?: string; volunteerId?: string }>();
  const who = Form.useWatch("who", form) ?? "worker";
  const volunteers = useQuery({ queryKey: ["timebank", "volunteers", "verified"], queryFn: () => api<{ items: Volunteer[] }>("/volunteers", { query: { status: "verified" } }), enabled: who === "volunteer" });
  const assign = useMutation({
    mutationFn: (v: { who: "worker" | "volunteer"; userId?: string; volunteerId?: string }) =>
      api(`/visit-plans/${plan.elderId}/assignee`, { method: "POST", body: v.who === "worker" ? { userId: v.userId } : { volunteerId: v.volunteerId } }),
    onSuccess: () => {
      void message.success(t("visitsConsole.plans.assigned"));
      void queryClient.invalidateQueries({ queryKey: ["visit-plans"] });
      onClose();
    },
  });
  return (
    <Modal open title={t("visitsConsole.plans.assignTitle", { name: plan.elderName })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={assign.isPending} okButtonProps={testId("visit-assign-ok")} destroyOnHidden>
      {assign.isError && <Alert type="error" showIcon title={errorText(assign.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ who: "worker", userId: plan.assigneeUserId ?? undefined }} onFinish={(v) => assign.mutate(v)}>
        <Form.Item name="who">
          <Radio.Group optionType="button">
            <Radio.Button value="worker">{t("visitsConsole.plans.worker")}</Radio.Button>
            <Radio.Button value="volunteer">{t("visitsConsole.plans.volunteer")}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {who === "worker" ? (
          <Form.Item name="userId" label={t("visitsConsole.plans.worker")} rules={[{ required: true, message: t("visitsConsole.plans.pickWorker") }]}>
            <Select placeholder={t("visitsConsole.plans.pickWorker")} options={workers.map((w) => ({ value: w.id, label: w.name }))} data-testid="visit-assign-worker" />
          </Form.Item>
        ) : (
          <Form.Item name="volunteerId" label={t("visitsConsole.plans.volunteer")} rules={[{ required: true, message: t("visitsConsole.plans.pickVolunteer") }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={volunteers.isFetching}
              placeholder={t("visitsConsole.plans.pickVolunteer")}
              options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}${v.team ? ` · ${v.team}` : ""}` }))}
              data-testid="visit-assign-volunteer"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
