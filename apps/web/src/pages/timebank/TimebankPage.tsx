import { TIMEBANK_RELATIONS } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { hours, type TbAccount, type TbRequest, type Volunteer } from "../../api/timebank.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { ElderSearch } from "./ElderSearch.tsx";
import { VolunteerEditModal, VolunteerHomeFields } from "./VolunteerEdit.tsx";

const STATUS_COLOR = { pending: "orange", verified: "green", suspended: "default" } as const;
const REQUEST_COLOR: Record<TbRequest["status"], string> = { open: "blue", taken: "cyan", checked_in: "purple", checked_out: "orange", confirmed: "green", cancelled: "default" };
const useVolunteers = (q?: string) => useQuery({ queryKey: ["timebank", "volunteers", q ?? ""], queryFn: () => api<{ items: Volunteer[] }>("/volunteers", { query: { q: q || undefined } }) });

/**
 * 时间银行 for community workers and street staff: volunteers (register, verify, suspend, balance and statement),
 * recording a confirmed service for members without smartphones, gifts to a relative chosen from the elder registry,
 * donations and redemptions, and the region's requests.
 */
export function TimebankPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "volunteers";
  return (
    <Card title={t("timebank.title")} data-testid="timebank-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: "volunteers", label: <span data-testid="tb-tab-volunteers">{t("timebank.tabs.volunteers")}</span>, children: <Volunteers /> },
          { key: "service", label: <span data-testid="tb-tab-service">{t("timebank.tabs.service")}</span>, children: <RecordService /> },
          { key: "transfer", label: <span data-testid="tb-tab-transfer">{t("timebank.tabs.transfer")}</span>, children: <Transfer /> },
          { key: "requests", label: <span data-testid="tb-tab-requests">{t("timebank.tabs.requests")}</span>, children: <Requests /> },
        ]}
      />
    </Card>
  );
}

function Volunteers() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<Volunteer | null>(null);
  const list = useVolunteers(q);
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: "verified" | "suspended" }) => api<Volunteer>(`/volunteers/${id}/status`, { method: "POST", body: { status } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["timebank"] }),
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t("timebank.volunteer.search")} onSearch={setQ} style={{ width: 260 }} data-testid="tb-volunteer-search" />
        <Button type="primary" onClick={() => setRegistering(true)} data-testid="tb-register">
          {t("timebank.volunteer.register")}
        </Button>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<Volunteer>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t("timebank.volunteer.none") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(v) => ({ "data-testid": "tb-volunteer-row", "data-volunteer-id": v.id, "data-status": v.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("timebank.volunteer.name"), dataIndex: "name" },
          { title: t("timebank.volunteer.idNumber"), dataIndex: "idNumber" },
          { title: t("timebank.volunteer.phone"), dataIndex: "phone" },
          { title: t("timebank.volunteer.team"), dataIndex: "team" },
          { title: t("timebank.volunteer.home"), key: "home", render: (_, v) => <span data-testid="tb-volunteer-home">{v.lat !== null ? t("timebank.volunteer.homeSet") : t("timebank.volunteer.homeUnset")}</span> },
          { title: t("timebank.volunteer.status"), dataIndex: "status", render: (s: Volunteer["status"]) => <Tag color={STATUS_COLOR[s]}>{t(`timebank.volunteer.statuses.${s}`)}</Tag> },
          { title: t("timebank.volunteer.app"), dataIndex: "hasAccount", render: (v: boolean) => (v ? t("common.yes") : t("common.no")) },
          { title: t("timebank.volunteer.balance"), dataIndex: "balanceMinutes", align: "right", render: (m: number) => <span data-testid="tb-volunteer-balance">{t("timebank.hours", { hours: hours(m) })}</span> },
          {
            title: t("common.actions"),
            render: (_, v) => (
              <Space>
                {v.status !== "verified" && (
                  <Button size="small" type="primary" loading={setStatus.isPending} onClick={() => setStatus.mutate({ id: v.id, status: "verified" })} data-testid="tb-verify">
                    {t("timebank.volunteer.verify")}
                  </Button>
                )}
                {v.status === "verified" && (
                  <Button size="small" danger loading={setStatus.isPending} onClick={() => setStatus.mutate({ id: v.id, status: "suspended" })} data-testid="tb-suspend">
                    {t("timebank.volunteer.suspend")}
                  </Button>
                )}
                <Button size="small" onClick={() => setEditing(v)} data-testid="tb-edit">
                  {t("timebank.volunteer.edit")}
                </Button>
                <Link to={`/timebank/statement?volunteerId=${v.id}`} data-testid="tb-statement-link">
                  {t("timebank.volunteer.statement")}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <RegisterModal open={registering} onClose={() => setRegistering(false)} />
      <VolunteerEditModal volunteer={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface RegisterValues {
  name: string;
  idNumber: string;
  phone?: string;
  regionCode: string;
  team?: string;
  username?: string;
  lat?: number | null;
  lng?: number | null;
}

function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RegisterValues>();
  const [error, setError] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: (v: RegisterValues) => api<Volunteer>("/volunteers", { method: "POST", body: { ...v, phone: v.phone || undefined, team: v.team || undefined, username: v.username || undefined, lat: v.lat ?? undefined, lng: v.lng ?? undefined } }),
    onSuccess: () => {
      void message.success(t("timebank.volunteer.registered"));
      form.resetFields();
      setError(null);
      onClose();
      void queryClient.invalidateQueries({ queryKey: ["timebank"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  return (
    <Modal open={open} title={t("timebank.volunteer.register")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: register.isPending, ...testId("tb-register-submit") }} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="tb-register-error" />}
      <Form<RegisterValues> form={form} layout="vertical" onFinish={(v) => register.mutate(v)} initialValues={{ regionCode: me?.regionCode.length === 12 ? me.regionCode : undefined }}>
        <Form.Item name="name" label={t("timebank.volunteer.name")} rules={required(t("timebank.volunteer.name"))}>
          <Input maxLength={50} data-testid="tb-register-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t("timebank.volunteer.idNumber")} rules={required(t("timebank.volunteer.idNumber"))}>
          <Input maxLength={18} data-testid="tb-register-id" />
        </Form.Item>
        <Form.Item name="phone" label={t("timebank.volunteer.phone")}>
          <Input maxLength={20} data-testid="tb-register-phone" />
        </Form.Item>
        <Form.Item name="regionCode" label={t("timebank.volunteer.region")} rules={required(t("timebank.volunteer.region"))}>
          <RegionTreeSelect communitiesOnly data-testid="tb-register-region" />
        </Form.Item>
        <Form.Item name="team" label={t("timebank.volunteer.team")}>
          <Input maxLength={50} data-testid="tb-register-team" />
        </Form.Item>
        <VolunteerHomeFields prefix="tb-register" />
        <Form.Item name="username" label={t("timebank.volunteer.username")} extra={t("timebank.volunteer.usernameHint")}>
          <Input maxLength={50} data-testid="tb-register-username" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ServiceValues {
  volunteerId: string;
  elderId: string;
  day: dayjs.Dayjs;
  hours: number;
  description: string;
}

/** A confirmed service recorded by the community worker (paper in hand): its hours go into the volunteer's account. */
function RecordService() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ServiceValues>();
  const [error, setError] = useState<string | null>(null);
  const volunteers = useVolunteers();
  const record = useMutation({
    mutationFn: (v: ServiceValues) =>
      api("/timebank/services", {
        method: "POST",
        headers: { "Idempotency-Key": crypto.randomUUID() },
        body: { volunteerId: v.volunteerId, elderId: v.elderId, day: v.day.format("YYYY-MM-DD"), minutes: Math.round(v.hours * 60), description: v.description },
      }),
    onSuccess: (_, v) => {
      void message.success(t("timebank.service.done", { hours: v.hours }));
      setError(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ["timebank"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  return (
    <div style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">{t("timebank.service.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="tb-service-error" />}
      <Form<ServiceValues> form={form} layout="vertical" onFinish={(v) => record.mutate(v)} initialValues={{ day: dayjs(), hours: 1 }}>
        <Form.Item name="volunteerId" label={t("timebank.service.volunteer")} rules={required(t("timebank.service.volunteer"))}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={(volunteers.data?.items ?? []).filter((v) => v.status === "verified").map((v) => ({ value: v.id, label: `${v.name} · ${v.team ?? ""}` }))}
            data-testid="tb-service-volunteer"
          />
        </Form.Item>
        <Form.Item name="elderId" label={t("timebank.service.elder")} rules={required(t("timebank.service.elder"))}>
          <ElderSearch placeholder={t("timebank.service.elderSearch")} testId="tb-service-elder" />
        </Form.Item>
        <Form.Item name="day" label={t("timebank.service.day")} rules={required(t("timebank.service.day"))}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} data-testid="tb-service-day" />
        </Form.Item>
        <Form.Item name="hours" label={t("timebank.service.hours")} rules={required(t("timebank.service.hours"))}>
          <InputNumber min={0.5} max={24} step={0.5} data-testid="tb-service-hours" />
        </Form.Item>
        <Form.Item name="description" label={t("timebank.service.description")} rules={required(t("timebank.service.description"))}>
          <Input maxLength={200} data-testid="tb-service-description" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="tb-service-submit">
          {t("timebank.service.submit")}
        </Button>
      </Form>
    </div>
  );
}

interface TransferValues {
  kind: "gift" | "donate" | "redeem";
  hours: number;
  toElderId?: string;
  relation?: string;
  beneficiaryElderId?: string;
  description?: string;
}

/**
 * Gifts, donations and redemptions from a volunteer's account (or an elder's, for the hours given to her): the
 * relative is chosen from the elder registry. Cash or goods are not among the choices because there are none.
 */
function Transfer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransferValues>();
  const [holder, setHolder] = useState<"volunteer" | "elder">("volunteer");
  const [holderId, setHolderId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch("kind", form) ?? "gift";
  const volunteers = useVolunteers();
  const account = useQuery({
    queryKey: ["timebank", "account", holder, holderId],
    queryFn: () => api<TbAccount>("/timebank/accounts", { query: holder === "volunteer" ? { volunteerId: holderId } : { elderId: holderId } }),
    enabled: !!holderId,
    retry: false,
  });
  const transfer = useMutation({
    mutationFn: (v: TransferValues) => {
      const base = { kind: v.kind, accountId: account.data!.id, minutes: Math.round(v.hours * 60) };
      const body = v.kind === "gift" ? { ...base, toElderId: v.toElderId, relation: v.relation } : v.kind === "redeem" ? { ...base, beneficiaryElderId: v.beneficiaryElderId, relation: v.relation, description: v.description } : base;
      return api("/timebank/transfers", { method: "POST", body });
    },
    onSuccess: () => {
      void message.success(t("timebank.transfer.done"));
      setError(null);
      form.resetFields(["hours", "toElderId", "beneficiaryElderId", "description"]);
      void queryClient.invalidateQueries({ queryKey: ["timebank"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  const relations = (kind === "redeem" ? (["self", "spouse"] as const) : TIMEBANK_RELATIONS).map((r) => ({ value: r, label: t(`timebank.transfer.relations.${r}`) }));
  return (
    <div style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">{t("timebank.transfer.intro")}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t("timebank.transfer.holder")}>
          <Radio.Group
            value={holder}
            onChange={(e) => (setHolder(e.target.value as "volunteer" | "elder"), setHolderId(undefined), form.setFieldsValue({ kind: e.target.value === "elder" ? "redeem" : "gift" }))}
            options={(["volunteer", "elder"] as const).map((h) => ({ value: h, label: t(`timebank.transfer.holders.${h}`) }))}
            data-testid="tb-transfer-holder"
          />
        </Form.Item>
        <Form.Item label={t("timebank.transfer.account")}>
          {holder === "volunteer" ? (
            <Select
              showSearch={{ optionFilterProp: "label" }}
              value={holderId}
              onChange={setHolderId}
              options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name} · ${t("timebank.hours", { hours: hours(v.balanceMinutes) })}` }))}
              data-testid="tb-transfer-volunteer"
            />
          ) : (
            <ElderSearch value={holderId} onChange={setHolderId} placeholder={t("timebank.service.elderSearch")} testId="tb-transfer-elder-account" />
          )}
        </Form.Item>
        {account.data && (
          <Typography.Paragraph strong data-testid="tb-transfer-balance">
            {t("timebank.transfer.balance", { hours: hours(account.data.balanceMinutes) })}{" "}
            <Link to={`/timebank/statement?${holder === "volunteer" ? "volunteerId" : "elderId"}=${holderId}`} data-testid="tb-transfer-statement">
              {t("timebank.volunteer.statement")}
            </Link>
          </Typography.Paragraph>
        )}
        {account.isError && <Alert type="warning" showIcon title={t("timebank.transfer.noAccount")} style={{ marginBottom: 12 }} />}
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="tb-transfer-error" />}
      <Form<TransferValues> form={form} layout="vertical" onFinish={(v) => transfer.mutate(v)} initialValues={{ kind: "gift", hours: 1 }} disabled={!account.data}>
        <Form.Item name="kind" label={t("timebank.transfer.kind")}>
          <Radio.Group
            options={(holder === "elder" ? (["redeem"] as const) : (["gift", "donate", "redeem"] as const)).map((k) => ({ value: k, label: <span data-testid={`tb-kind-${k}`}>{t(`timebank.transfer.kinds.${k}`)}</span> }))}
          />
        </Form.Item>
        {kind === "gift" && (
          <Form.Item name="toElderId" label={t("timebank.transfer.to")} rules={required(t("timebank.transfer.to"))}>
            <ElderSearch placeholder={t("timebank.service.elderSearch")} testId="tb-transfer-to" />
          </Form.Item>
        )}
        {kind === "redeem" && (
          <Form.Item name="beneficiaryElderId" label={t("timebank.transfer.beneficiary")} rules={required(t("timebank.transfer.beneficiary"))}>
            <ElderSearch placeholder={t("timebank.service.elderSearch")} testId="tb-transfer-beneficiary" />
          </Form.Item>
        )}
        {kind !== "donate" && (
          <Form.Item name="relation" label={t("timebank.transfer.relation")} rules={required(t("timebank.transfer.relation"))}>
            <Select options={relations} data-testid="tb-transfer-relation" />
          </Form.Item>
        )}
        {kind === "redeem" && (
          <Form.Item name="description" label={t("timebank.transfer.description")} rules={required(t("timebank.transfer.description"))}>
            <Input maxLength={200} data-testid="tb-transfer-description" />
          </Form.Item>
        )}
        <Form.Item name="hours" label={t("timebank.transfer.hours")} rules={required(t("timebank.transfer.hours"))}>
          <InputNumber min={0.5} max={24} step={0.5} data-testid="tb-transfer-hours" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={transfer.isPending} data-testid="tb-transfer-submit">
          {t("timebank.transfer.submit")}
        </Button>
      </Form>
    </div>
  );
}

/** The region's requests; a worker may confirm a finished service for an elder, or cancel one not yet served. */
function Requests() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TbRequest["status"] | undefined>();
  const list = useQuery({ queryKey: ["timebank", "requests", status], queryFn: () => api<{ items: TbRequest[] }>("/timebank/requests", { query: { status } }) });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: "confirm" | "cancel" }) => api(`/timebank/requests/${id}/actions`, { method: "POST", body: { action } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["timebank"] }),
    onError: (e) => void message.error(errorText(e)),
  });
  const statuses = ["open", "taken", "checked_in", "checked_out", "confirmed", "cancelled"] as const;
  return (
    <>
      <Select
        allowClear
        value={status}
        onChange={setStatus}
        placeholder={t("timebank.requests.status")}
        style={{ width: 200, marginBottom: 16 }}
        options={statuses.map((s) => ({ value: s, label: t(`timebank.requests.statuses.${s}`) }))}
      />
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<TbRequest>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t("timebank.requests.none") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ "data-testid": "tb-request-row", "data-request-id": r.id, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("timebank.requests.when"), render: (_, r) => `${r.day} ${r.startTime ?? ""}` },
          { title: t("timebank.requests.elder"), dataIndex: "elderName" },
          { title: t("timebank.requests.description"), dataIndex: "description" },
          { title: t("timebank.requests.volunteer"), dataIndex: "volunteerName" },
          { title: t("timebank.requests.served"), dataIndex: "servedMinutes", render: (m: number | null) => (m === null ? "" : t("timebank.hours", { hours: hours(m) })) },
          { title: t("timebank.requests.status"), dataIndex: "status", render: (s: TbRequest["status"]) => <Tag color={REQUEST_COLOR[s]}>{t(`timebank.requests.statuses.${s}`)}</Tag> },
          {
            title: t("common.actions"),
            render: (_, r) => (
              <Space>
                {r.actions.includes("confirm") && (
                  <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, action: "confirm" })}>
                    {t("timebank.requests.confirm")}
                  </Button>
                )}
                {r.actions.includes("cancel") && (
                  <Button size="small" onClick={() => act.mutate({ id: r.id, action: "cancel" })}>
                    {t("timebank.requests.cancel")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
