import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { STAFF_POSTS, type StaffPost } from "@carecircle/shared";
import { Alert, Button, Card, Col, Input, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { type StaffingItem, type StaffMember, useStaff, useStaffing, useWorkforceSummary } from "../../api/facilities.ts";
import { enumOptions } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { StaffFormModal } from "./StaffFormModal.tsx";
import { RenewModal } from "./RenewModal.tsx";
import { TrainingModal } from "./TrainingModal.tsx";

const CERT_COLORS = { valid: "green", expiring: "orange", expired: "red" } as const;
/** Rows needing attention: expired (or short of caregivers) light red, expiring light orange. */
const ROW_COLORS = { expired: "#fff1f0", expiring: "#fff7e6" } as const;

/** /workforce — the staff register with certificate reminders and trainings, the training rate, and the staffing-ratio check. */
export function WorkforcePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "staffing" ? "staffing" : "staff";
  const summary = useWorkforceSummary();
  const s = summary.data;
  return (
    <Card title={t("workforce.title")} data-testid="workforce-page">
      {summary.isError && <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t("workforce.activeStaff")} value={s?.activeStaff ?? 0} loading={summary.isPending} />
        </Col>
        <Col span={6}>
          <Statistic title={t("workforce.trainingRate")} value={s?.trainingRate == null ? "—" : (s.trainingRate * 100).toFixed(1)} suffix={s?.trainingRate == null ? undefined : "%"} loading={summary.isPending} data-testid="workforce-training-rate" />
        </Col>
        <Col span={6}>
          <Statistic title={t("workforce.certificatesDue", { days: s?.warningDays ?? 30 })} value={s?.certificatesDue ?? 0} styles={{ content: { color: "#d46b08" } }} loading={summary.isPending} />
        </Col>
        <Col span={6}>
          <Statistic title={t("workforce.certificatesExpired")} value={s?.certificatesExpired ?? 0} styles={{ content: { color: "#cf1322" } }} loading={summary.isPending} />
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === "staffing" ? { tab: k } : {}, { replace: true })}
        items={[
          { key: "staff", label: <span data-testid="workforce-tab-staff">{t("workforce.tabStaff")}</span>, children: <StaffTab /> },
          { key: "staffing", label: <span data-testid="workforce-tab-staffing">{t("workforce.tabStaffing")}</span>, children: <StaffingTab /> },
        ]}
      />
    </Card>
  );
}

function StaffTab() {
  const { t } = useTranslation();
  const [expiring, setExpiring] = useState(false);
  const [post, setPost] = useState<StaffPost | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [training, setTraining] = useState<StaffMember | null>(null);
  const [renewing, setRenewing] = useState<StaffMember | null>(null);
  const list = useStaff({ expiring: expiring ? 30 : undefined, post, q });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input allowClear prefix={<SearchOutlined />} style={{ width: 180 }} placeholder={t("workforce.search")} aria-label={t("workforce.search")} onPressEnter={(e) => setQ((e.target as HTMLInputElement).value.trim() || undefined)} onChange={(e) => !e.target.value && setQ(undefined)} />
        <Select<StaffPost> allowClear style={{ width: 170 }} value={post} placeholder={t("common.all")} prefix={`${t("workforce.filterPost")}：`} onChange={setPost} options={enumOptions(t, "staffPost", STAFF_POSTS)} />
        <Space>
          <Switch checked={expiring} onChange={setExpiring} data-testid="staff-expiring-only" />
          {t("workforce.expiringOnly")}
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="staff-create">
          {t("workforce.create")}
        </Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<StaffMember>
        rowKey="id"
        size="middle"
        data-testid="staff-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t("workforce.empty") }}
        onRow={(r) => ({ "data-testid": "staff-row", "data-staff-id": r.id, "data-alert": r.certificateAlert ?? "", style: r.certificateAlert ? { background: ROW_COLORS[r.certificateAlert] } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("workforce.name"), dataIndex: "name", width: 100 },
          { title: t("workforce.idNumber"), dataIndex: "idNumber", width: 190, render: (v: string) => <span className="mono">{v}</span> },
          { title: t("workforce.post"), dataIndex: "post", width: 90, render: (v: StaffPost) => t(`staffPost.${v}`) },
          { title: t("workforce.employer"), dataIndex: "employerName", width: 220 },
          {
            title: t("workforce.certificates"),
            dataIndex: "certificates",
            width: 300,
            render: (certs: StaffMember["certificates"]) => (
              <Space size={[4, 4]} wrap>
                {certs.map((c) => (
                  <Tooltip key={`${c.kind}-${c.number}`} title={`${c.number} · ${t("workforce.validTo")} ${c.validTo}`}>
                    <Tag color={CERT_COLORS[c.state]} data-testid={`cert-${c.state}`}>
                      {t(`staffCert.${c.kind}`)}
                      {c.level ? ` ${t("workforce.levelValue", { level: c.level })}` : ""}
                      {c.state !== "valid" ? ` · ${t(`certState.${c.state}`)} ${c.validTo}` : ""}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          { title: t("workforce.education"), dataIndex: "education", width: 100, render: (v: string | null) => (v ? t(`education.${v}`) : t("common.none")) },
          {
            title: t("workforce.bonus"),
            dataIndex: "bonus",
            width: 170,
            render: (b: StaffMember["bonus"]) => (b.eligible ? <Tag color="blue">{t("bonusReason.eligible", { until: b.until })}</Tag> : <Typography.Text type="secondary">{t(`bonusReason.${b.reason}`, { until: b.until })}</Typography.Text>),
          },
          { title: t("workforce.lastTraining"), dataIndex: "lastPassedTrainingOn", width: 130, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t("workforce.noTraining")}</Typography.Text> },
          {
            title: t("common.actions"),
            key: "actions",
            width: 180,
            fixed: "right" as const,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => setRenewing(r)} data-testid="staff-renew">
                  {t("workforce.renew")}
                </Button>
                <Button size="small" onClick={() => setTraining(r)} data-testid="staff-add-training">
                  {t("workforce.addTraining")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <StaffFormModal open={formOpen} onClose={() => setFormOpen(false)} />
      <TrainingModal staff={training} onClose={() => setTraining(null)} />
      <RenewModal staff={renewing} onClose={() => setRenewing(null)} />
    </>
  );
}

function StaffingTab() {
  const { t } = useTranslation();
  const staffing = useStaffing();
  const n = staffing.data?.withShortfall ?? 0;
  return (
    <>
      {staffing.isError && <Alert type="error" showIcon title={errorText(staffing.error)} style={{ marginBottom: 16 }} />}
      {staffing.data && <Alert type={n > 0 ? "warning" : "success"} showIcon title={n > 0 ? t("workforce.withShortfall", { count: n }) : t("workforce.allEnough")} style={{ marginBottom: 16 }} data-testid="staffing-summary" />}
      <Table<StaffingItem>
        rowKey="facilityId"
        size="middle"
        data-testid="staffing-table"
        loading={staffing.isFetching}
        dataSource={staffing.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ "data-testid": "staffing-row", "data-facility-id": r.facilityId, "data-shortfall": String(r.shortfall), style: r.shortfall > 0 ? { background: ROW_COLORS.expired } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("workforce.institution"), dataIndex: "name" },
          { title: t("workforce.residents"), dataIndex: "residents", width: 200, render: (r: StaffingItem["residents"]) => `${r.disabled} / ${r.semiDisabled} / ${r.selfCare}` },
          { title: t("workforce.ratios"), dataIndex: "ratios", width: 140, render: (r: StaffingItem["ratios"]) => `1:${r.disabled} · 1:${r.semiDisabled} · 1:${r.selfCare}` },
          { title: t("workforce.required"), dataIndex: "required", width: 120 },
          { title: t("workforce.caregivers"), dataIndex: "caregivers", width: 120 },
          { title: t("workforce.shortfall"), dataIndex: "shortfall", width: 110, render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : <Tag color="green">{t("workforce.enough")}</Tag>) },
        ]}
      />
    </>
  );
}
