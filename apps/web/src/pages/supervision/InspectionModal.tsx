import { DEFAULT_CHECKLISTS, FINDING_SEVERITIES, INSPECTION_KINDS, type InspectionKind } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Facility } from "../../api/facilities.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";

interface Values {
  targetKind: "facility" | "provider";
  targetId: string;
  kind: InspectionKind;
  inspectedOn: Dayjs;
  checklist: Record<string, { ok: boolean; note?: string }>;
  findings: { description: string; severity: (typeof FINDING_SEVERITIES)[number] }[];
  notes?: string;
}

/** 记录检查: the inspected unit, the kind's checklist (pass / fail with a note), and the findings that become tasks. */
export function InspectionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const targetKind = Form.useWatch("targetKind", form) ?? "facility";
  const kind = Form.useWatch("kind", form) ?? "fire";
  const facilities = useQuery({ queryKey: ["facilities", "for-inspection"], queryFn: () => api<{ items: Facility[] }>("/facilities", { query: { limit: 500 } }), enabled: open });
  const providers = useQuery({ queryKey: ["providers", "for-inspection"], queryFn: () => api<{ items: { id: string; name: string }[] }>("/providers", { query: { status: "approved" } }), enabled: open && targetKind === "provider" });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<{ rectifications: unknown[] }>("/inspections", {
        method: "POST",
        body: {
          ...(v.targetKind === "facility" ? { facilityId: v.targetId } : { providerId: v.targetId }),
          kind: v.kind,
          inspectedOn: v.inspectedOn.format("YYYY-MM-DD"),
          checklist: DEFAULT_CHECKLISTS[v.kind].map((i) => ({ key: i.key, ok: v.checklist?.[i.key]?.ok ?? true, ...(v.checklist?.[i.key]?.note ? { note: v.checklist[i.key]!.note } : {}) })),
          findings: v.findings ?? [],
          ...(v.notes ? { notes: v.notes } : {}),
        },
      }),
    onSuccess: async (res) => {
      void message.success(t("supervision.inspections.saved", { count: res.rectifications.length }));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ["inspections"] });
      await queryClient.invalidateQueries({ queryKey: ["rectifications"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  const options = targetKind === "facility" ? (facilities.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（${f.regionName ?? f.regionCode}）` })) : (providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Modal open={open} title={t("supervision.inspections.record")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, ...testId("inspection-submit") }} width={760} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="inspection-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ targetKind: "facility", kind: "fire", inspectedOn: todayShanghai(), findings: [] }}
        onFinish={(v) => (setError(null), save.mutate(v))}
        data-testid="inspection-form"
      >
        <Space wrap align="start">
          <Form.Item name="targetKind" label={t("supervision.inspections.targetKind")}>
            <Radio.Group onChange={() => form.setFieldValue("targetId", undefined)}>
              <Radio.Button value="facility">{t("supervision.inspections.facility")}</Radio.Button>
              <Radio.Button value="provider">{t("supervision.inspections.provider")}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="targetId" label={t("supervision.inspections.target")} rules={required(t("supervision.inspections.target"))} style={{ width: 380 }}>
            <Select showSearch optionFilterProp="label" options={options} loading={facilities.isFetching || providers.isFetching} data-testid="inspection-target" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="kind" label={t("supervision.inspections.kind")} style={{ width: 200 }}>
            <Select options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`supervision.kind.${k}`) }))} data-testid="inspection-kind" />
          </Form.Item>
          <Form.Item name="inspectedOn" label={t("supervision.inspections.inspectedOn")} rules={required(t("supervision.inspections.inspectedOn"))}>
            <DatePicker disabledDate={(d) => d.isAfter(todayShanghai(), "day")} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t("supervision.inspections.checklist")}</Typography.Title>
        {DEFAULT_CHECKLISTS[kind].map((item) => (
          <Space key={`${kind}-${item.key}`} align="start" style={{ display: "flex" }} data-testid={`check-${item.key}`}>
            <Form.Item name={["checklist", item.key, "ok"]} initialValue={true} style={{ marginBottom: 8 }}>
              <Radio.Group>
                <Radio value={true}>{t("supervision.inspections.ok")}</Radio>
                <Radio value={false} data-testid={`check-${item.key}-fail`}>
                  {t("supervision.inspections.notOk")}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <span style={{ lineHeight: "32px", minWidth: 260 }}>{t(`supervision.check.${item.key}`, { defaultValue: item.name })}</span>
            <Form.Item name={["checklist", item.key, "note"]} style={{ marginBottom: 8 }}>
              <Input placeholder={t("supervision.inspections.note")} maxLength={500} style={{ width: 200 }} />
            </Form.Item>
          </Space>
        ))}
        <Typography.Title level={5}>{t("supervision.inspections.findings")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("supervision.inspections.findingsHint")}</Typography.Paragraph>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: "flex" }} data-testid="finding-row">
                  <Form.Item name={[f.name, "description"]} rules={required(t("supervision.inspections.description"))} style={{ width: 440 }}>
                    <Input placeholder={t("supervision.inspections.description")} maxLength={500} data-testid="finding-description" />
                  </Form.Item>
                  <Form.Item name={[f.name, "severity"]} initialValue="ordinary">
                    <Radio.Group>
                      {FINDING_SEVERITIES.map((s) => (
                        <Radio.Button key={s} value={s} data-testid={`finding-${s}`}>
                          {t(`supervision.severity.${s}`)}
                        </Radio.Button>
                      ))}
                    </Radio.Group>
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t("common.delete")}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ severity: "ordinary" })} data-testid="finding-add">
                {t("supervision.inspections.addFinding")}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="notes" label={t("supervision.inspections.notes")} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
