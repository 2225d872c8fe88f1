import { CREDIT_KINDS, CREDIT_SUBJECT_KINDS, type CreditKind, type CreditSubjectKind, NEGATIVE_LIST } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Facility, StaffMember } from "../../api/facilities.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";
import { PhotoPicker } from "./ActionModal.tsx";

interface Values {
  subjectKind: CreditSubjectKind;
  providerId?: string;
  subjectId?: string;
  subjectName?: string;
  kind: CreditKind;
  prohibition?: string;
  reason: string;
  evidenceNote?: string;
  evidencePhoto?: string;
  period?: [Dayjs, Dayjs];
}

const BY_RECORD: readonly CreditSubjectKind[] = ["facility", "provider", "worker", "staff"];

/** 登记信用记录: a violation of the negative list, a penalty, a commendation, or a proposed blacklisting with its period. */
export function CreditModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const subjectKind = Form.useWatch("subjectKind", form) ?? "facility";
  const kind = Form.useWatch("kind", form) ?? "violation";
  const providerId = Form.useWatch("providerId", form);
  const facilities = useQuery({ queryKey: ["facilities", "for-credit"], queryFn: () => api<{ items: Facility[] }>("/facilities", { query: { limit: 500 } }), enabled: open && subjectKind === "facility" });
  const providers = useQuery({ queryKey: ["providers", "for-credit"], queryFn: () => api<{ items: { id: string; name: string }[] }>("/providers"), enabled: open && (subjectKind === "provider" || subjectKind === "worker") });
  const workers = useQuery({ queryKey: ["workers", providerId], queryFn: () => api<{ items: { id: string; name: string; phone: string }[] }>(`/providers/${providerId}/workers`), enabled: open && subjectKind === "worker" && !!providerId });
  const staff = useQuery({ queryKey: ["staff", "for-credit"], queryFn: () => api<{ items: StaffMember[] }>("/staff", { query: { limit: 500 } }), enabled: open && subjectKind === "staff" });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api("/credit-records", {
        method: "POST",
        body: {
          subjectKind: v.subjectKind,
          ...(BY_RECORD.includes(v.subjectKind) ? { subjectId: v.subjectId } : { subjectName: v.subjectName }),
          kind: v.kind,
          ...(v.prohibition ? { prohibition: v.prohibition } : {}),
          reason: v.reason,
          evidence: v.evidenceNote || v.evidencePhoto ? [{ note: v.evidenceNote ?? "", ...(v.evidencePhoto ? { photo: v.evidencePhoto } : {}) }] : [],
          ...(v.kind === "blacklist" && v.period ? { startsOn: v.period[0].format("YYYY-MM-DD"), endsOn: v.period[1].format("YYYY-MM-DD") } : {}),
        },
      }),
    onSuccess: async () => {
      void message.success(t("supervision.credit.saved"));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ["credit-records"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  const subjectOptions =
    subjectKind === "facility"
      ? (facilities.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))
      : subjectKind === "provider"
        ? (providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))
        : subjectKind === "worker"
          ? (workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.phone}）` }))
          : (staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.employerName ?? ""}）` }));
  return (
    <Modal open={open} title={t("supervision.credit.add")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, ...testId("credit-submit") }} width={680} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ subjectKind: "facility", kind: "violation" }} onFinish={(v) => (setError(null), save.mutate(v))} data-testid="credit-form">
        <Space wrap align="start">
          <Form.Item name="kind" label={t("supervision.credit.kind")} style={{ width: 200 }}>
            <Select options={CREDIT_KINDS.map((k) => ({ value: k, label: t(`supervision.credit.kinds.${k}`) }))} data-testid="credit-kind" />
          </Form.Item>
          <Form.Item name="subjectKind" label={t("supervision.credit.subjectKind")} style={{ width: 200 }}>
            <Select onChange={() => form.setFieldsValue({ subjectId: undefined, providerId: undefined })} options={CREDIT_SUBJECT_KINDS.map((k) => ({ value: k, label: t(`supervision.credit.subjects.${k}`) }))} data-testid="credit-subject-kind" />
          </Form.Item>
        </Space>
        {subjectKind === "worker" && (
          <Form.Item name="providerId" label={t("supervision.credit.provider")} rules={required(t("supervision.credit.provider"))}>
            <Select showSearch optionFilterProp="label" options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        {BY_RECORD.includes(subjectKind) ? (
          <Form.Item name="subjectId" label={t("supervision.credit.subject")} rules={required(t("supervision.credit.subject"))}>
            <Select showSearch optionFilterProp="label" options={subjectOptions} data-testid="credit-subject" />
          </Form.Item>
        ) : (
          <Form.Item name="subjectName" label={t("supervision.credit.subjectName")} rules={required(t("supervision.credit.subjectName"))}>
            <Input maxLength={100} data-testid="credit-subject-name" />
          </Form.Item>
        )}
        <Form.Item name="prohibition" label={t("supervision.credit.prohibition")} rules={kind === "violation" ? required(t("supervision.credit.prohibition")) : []}>
          <Select allowClear options={NEGATIVE_LIST.map((p) => ({ value: p.key, label: t(`supervision.negative.${p.key}`, { defaultValue: p.name }) }))} data-testid="credit-prohibition" />
        </Form.Item>
        <Form.Item name="reason" label={t("supervision.credit.reason")} rules={required(t("supervision.credit.reason"))}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="credit-reason" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="evidenceNote" label={t("supervision.credit.evidence")} style={{ width: 400 }}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="evidencePhoto" hidden>
            <Input />
          </Form.Item>
          <Form.Item label={t("supervision.rect.photo")}>
            <PhotoPicker onPicked={(url) => form.setFieldValue("evidencePhoto", url)} tooLarge={() => void message.error(t("supervision.rect.photoTooLarge"))} />
          </Form.Item>
        </Space>
        {kind === "blacklist" && (
          <>
            <Alert type="info" showIcon title={t("supervision.credit.pendingHint")} style={{ marginBottom: 16 }} />
            <Form.Item name="period" label={t("supervision.credit.period")} rules={required(t("supervision.credit.period"))} initialValue={[todayShanghai(), todayShanghai().add(3, "year")]}>
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
