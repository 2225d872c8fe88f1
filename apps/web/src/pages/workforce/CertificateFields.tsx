import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { STAFF_CERT_KINDS, type StaffCertKind } from "@carecircle/shared";
import { Button, Col, DatePicker, Form, Input, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { enumOptions } from "../../lib/labels.ts";

export interface CertValues {
  kind: StaffCertKind;
  level?: number | null;
  number: string;
  validTo: Dayjs;
}

/** The form's certificates as the API takes them (a level only for caregiver certificates). */
export const certificatesInput = (certs: CertValues[] | undefined) =>
  (certs ?? []).map((c) => ({ kind: c.kind, level: c.kind === "caregiver" ? (c.level ?? null) : null, number: c.number.trim(), validTo: c.validTo.format("YYYY-MM-DD") }));

/** The list of certificates in a staff form: kind, level (caregivers, 5 初级 … 1 高级技师), number, last valid day. */
export function CertificateFields() {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  return (
    <Form.List name="certificates">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row gutter={8} key={f.key} align="top" data-testid="staff-cert">
              <Col span={7}>
                <Form.Item name={[f.name, "kind"]} label={t("workforce.certKind")} rules={[required("workforce.certKind")]}>
                  <Select options={enumOptions(t, "staffCert", STAFF_CERT_KINDS)} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item noStyle dependencies={[["certificates", f.name, "kind"]]}>
                  {({ getFieldValue }) => (
                    <Form.Item name={[f.name, "level"]} label={t("workforce.certLevel")}>
                      <Select allowClear disabled={getFieldValue(["certificates", f.name, "kind"]) !== "caregiver"} options={[5, 4, 3, 2, 1].map((l) => ({ value: l, label: t(`caregiverLevel.${l}`) }))} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[f.name, "number"]} label={t("workforce.certNumber")} rules={[{ ...required("workforce.certNumber"), whitespace: true }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name={[f.name, "validTo"]} label={t("workforce.validTo")} rules={[required("workforce.validTo")]}>
                  <DatePicker style={{ width: "100%" }} data-testid="staff-cert-validTo" />
                </Form.Item>
              </Col>
              <Col span={1} style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "caregiver" })}>
            {t("common.add")}
          </Button>
        </>
      )}
    </Form.List>
  );
}
