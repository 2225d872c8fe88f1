import { FACILITY_STATUSES, type FacilityStatus } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Drawer, Form, Input, List, Select, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { FACILITIES_KEY, type FacilityDetail, PLANNING_KEY, useFacility } from "../../api/facilities.ts";
import { enumOptions } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { STATUS_COLORS } from "./FacilitiesPage.tsx";
import { FacilityFormModal } from "./FacilityFormModal.tsx";
import { FilingForm } from "./FilingForm.tsx";

/** One facility: particulars, filing, residents, the stations it leads, and (for the bureau) a status change with its reason. */
export function FacilityDrawer({ id, onClose, manage }: { id: string | null; onClose: () => void; manage: boolean }) {
  const { t } = useTranslation();
  const one = useFacility(id);
  const f = one.data;
  const [editing, setEditing] = useState(false);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      title={f?.name ?? ""}
      destroyOnHidden
      data-testid="facility-drawer"
      extra={
        manage && f && f.status !== "closed" ? (
          <Button onClick={() => setEditing(true)} data-testid="facility-edit">
            {t("facility.edit")}
          </Button>
        ) : null
      }
    >
      {f && <FacilityFormModal open={editing} onClose={() => setEditing(false)} facility={f} />}
      {one.isPending && <Spin />}
      {one.isError && <Alert type="error" showIcon title={errorText(one.error)} />}
      {f && (
        <Space orientation="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t("facility.tier")}>{t(`facilityTier.${f.tier}`)}</Descriptions.Item>
            <Descriptions.Item label={t("facility.status")}>
              <Tag color={STATUS_COLORS[f.status]} data-testid="facility-drawer-status">{t(`facilityStatus.${f.status}`)}</Tag>
              {f.statusReason && <Typography.Text type="secondary">{f.statusReason}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t("facility.region")}>{f.regionName}</Descriptions.Item>
            <Descriptions.Item label={t("facility.parent")}>{f.parentName ?? t("common.none")}</Descriptions.Item>
            <Descriptions.Item label={t("facility.address")} span={2}>{f.address}</Descriptions.Item>
            <Descriptions.Item label={t("facility.operator")}>{f.operatorName}</Descriptions.Item>
            <Descriptions.Item label={t("facility.operatingModel")}>{t(`operatingModel.${f.operatingModel}`)}</Descriptions.Item>
            <Descriptions.Item label={t("facility.areaM2")}>{f.areaM2}</Descriptions.Item>
            <Descriptions.Item label={`${t("facility.beds")} / ${t("facility.nursingBeds")}`}>{`${f.beds} / ${f.nursingBeds}`}</Descriptions.Item>
            <Descriptions.Item label={t("facility.staffOnRecord")}>{`${f.staffOnRecord}（${t("facility.caregiversOnRecord")} ${f.caregiversOnRecord}）`}</Descriptions.Item>
            <Descriptions.Item label={t("facility.openingHours")}>{f.openingHours ?? t("common.none")}</Descriptions.Item>
            <Descriptions.Item label={t("facility.services")} span={2}>{f.services.join("、") || t("common.none")}</Descriptions.Item>
            {f.tier === "institution" && (
              <Descriptions.Item label={t("facility.residents")} span={2}>
                {`${t("facility.disabled")} ${f.residents.disabled} · ${t("facility.semiDisabled")} ${f.residents.semiDisabled} · ${t("facility.selfCare")} ${f.residents.selfCare}`}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t("facility.stars")}>{f.unqualified ? <Tag color="red">{t("facility.unqualified")}</Tag> : f.stars ? t("facility.starsValue", { count: f.stars }) : t("facility.unrated")}</Descriptions.Item>
            <Descriptions.Item label={t("facility.filing")}>
              {f.filingNo ? `${f.filingNo}（${f.filedAt}）` : t("facility.notFiled")}
              {f.filingDocuments.length > 0 && <div>{f.filingDocuments.map((d) => d.name).join("、")}</div>}
            </Descriptions.Item>
          </Descriptions>
          {f.tier === "center" && (
            <List
              size="small"
              bordered
              header={<Typography.Text strong>{t("facility.ledStations")}</Typography.Text>}
              dataSource={f.ledStations}
              locale={{ emptyText: t("facility.noLedStations") }}
              data-testid="facility-led-stations"
              renderItem={(s) => (
                <List.Item>
                  <Space>
                    {s.name}
                    <Typography.Text type="secondary">{s.regionName}</Typography.Text>
                    <Tag color={STATUS_COLORS[s.status]}>{t(`facilityStatus.${s.status}`)}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          )}
          {manage && f.status !== "closed" && <FilingForm key={`${f.id}-${f.filingNo ?? ""}`} facility={f} />}
          {manage && f.status !== "closed" && <StatusChange facility={f} />}
        </Space>
      )}
    </Drawer>
  );
}

function StatusChange({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ status: FacilityStatus; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: { status: FacilityStatus; reason: string }) => api<FacilityDetail>(`/facilities/${facility.id}/status`, { method: "POST", body: v }),
    onSuccess: async () => {
      void message.success(t("facility.statusChanged"));
      form.resetFields();
      setError(null);
      await Promise.all([queryClient.invalidateQueries({ queryKey: FACILITIES_KEY }), queryClient.invalidateQueries({ queryKey: PLANNING_KEY })]);
    },
    onError: (e) => setError(errorText(e)),
  });
  return (
    <div>
      <Typography.Title level={5}>{t("facility.changeStatus")}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" onFinish={(v) => change.mutate(v)}>
        <Form.Item name="status" rules={[{ required: true, message: t("form.required", { field: t("facility.newStatus") }) }]}>
          <Select
            style={{ width: 140 }}
            placeholder={t("facility.newStatus")}
            options={enumOptions(t, "facilityStatus", FACILITY_STATUSES.filter((s) => s !== facility.status))}
            data-testid="facility-status-select"
          />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t("facility.reasonRequired") }]}>
          <Input style={{ width: 260 }} maxLength={500} placeholder={t("facility.reason")} data-testid="facility-status-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="facility-status-submit">
          {t("facility.changeStatus")}
        </Button>
      </Form>
    </div>
  );
}
