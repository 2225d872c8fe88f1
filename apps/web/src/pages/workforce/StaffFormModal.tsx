import { type CreateStaffInput, EDUCATION_LEVELS, STAFF_POSTS, type StaffPost } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { FACILITIES_KEY, STAFF_KEY, type StaffMember, useFacilities } from "../../api/facilities.ts";
import { enumOptions } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { CertificateFields, type CertValues, certificatesInput } from "./CertificateFields.tsx";

interface Values {
  name: string;
  idNumber: string;
  facilityId: string;
  post: StaffPost;
  education?: string;
  graduatedOn?: Dayjs | null;
  hiredOn?: Dayjs | null;
  certificates?: CertValues[];
}
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

function toInput(v: Values): CreateStaffInput {
  return {
    name: v.name.trim(),
    idNumber: v.idNumber.trim().toUpperCase(),
    facilityId: v.facilityId,
    post: v.post,
    education: (v.education as CreateStaffInput["education"]) ?? null,
    graduatedOn: day(v.graduatedOn),
    hiredOn: day(v.hiredOn),
    certificates: certificatesInput(v.certificates),
  };
}

/** 登记从业人员: identity (the ID number is checked by the server and stored encrypted), employer, post, certificates, education. */
export function StaffFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const facilities = useFacilities({});
  const create = useMutation({
    mutationFn: (v: Values) => api<StaffMember>("/staff", { method: "POST", body: toInput(v) }),
    onSuccess: async (s) => {
      void message.success(t("workforce.created", { name: s.name }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: STAFF_KEY }), queryClient.invalidateQueries({ queryKey: FACILITIES_KEY })]);
      onClose();
    },
    onError: (e) => {
      const unplaced = applyFieldErrors(form, e);
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });
  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  return (
    <Modal
      open={open}
      title={t("workforce.formTitle")}
      width={820}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, ...testId("staff-form-submit") }}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="staff-form-error" />}
      <Form form={form} layout="vertical" initialValues={{ post: "caregiver" }} onFinish={(v) => create.mutate(v)}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label={t("workforce.name")} rules={[{ ...required("workforce.name"), whitespace: true }]}>
              <Input maxLength={50} data-testid="staff-form-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="idNumber" label={t("workforce.idNumber")} rules={[{ ...required("workforce.idNumber"), whitespace: true }]}>
              <Input maxLength={18} className="mono" data-testid="staff-form-id-number" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="post" label={t("workforce.post")} rules={[required("workforce.post")]}>
              <Select options={enumOptions(t, "staffPost", STAFF_POSTS)} data-testid="staff-form-post" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="facilityId" label={t("workforce.employer")} rules={[required("workforce.employer")]}>
              <Select showSearch optionFilterProp="label" options={(facilities.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))} loading={facilities.isFetching} data-testid="staff-form-facility" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="education" label={t("workforce.education")}>
              <Select allowClear options={enumOptions(t, "education", EDUCATION_LEVELS)} data-testid="staff-form-education" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="graduatedOn" label={t("workforce.graduatedOn")}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hiredOn" label={t("workforce.hiredOn")}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t("workforce.certificates")}</Divider>
        <CertificateFields />
      </Form>
    </Modal>
  );
}
