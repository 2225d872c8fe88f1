import { Col, DatePicker, Form, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";

const tagsProps = { mode: "tags" as const, open: false, suffixIcon: null, tokenSeparators: [",", "，", "、"] };

/** health.* : chronic diseases, allergies, medications (free tags) and the family doctor. */
export function HealthFields() {
  const { t } = useTranslation();
  const ph = t("form.tagsPlaceholder");
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={["health", "chronicDiseases"]} label={t("fields.chronicDiseases")}>
          <Select {...tagsProps} placeholder={ph} data-testid="elder-form-chronicDiseases" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={["health", "allergies"]} label={t("fields.allergies")}>
          <Select {...tagsProps} placeholder={ph} data-testid="elder-form-allergies" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={["health", "medications"]} label={t("fields.medications")}>
          <Select {...tagsProps} placeholder={ph} data-testid="elder-form-medications" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={["health", "familyDoctor", "name"]}
          label={`${t("fields.familyDoctor")} · ${t("fields.familyDoctorName")}`}
          dependencies={[["health", "familyDoctor", "institution"], ["health", "familyDoctor", "contractDate"]]}
          rules={[
            { max: 50 },
            ({ getFieldValue }) => ({
              // an institution or a date without a doctor's name would be dropped silently
              validator: async (_rule, v: string | undefined) => {
                const other = getFieldValue(["health", "familyDoctor", "institution"]) || getFieldValue(["health", "familyDoctor", "contractDate"]);
                if (other && !v?.trim()) throw new Error(t("form.required", { field: t("fields.familyDoctorName") }));
              },
            }),
          ]}
        >
          <Input maxLength={50} data-testid="elder-form-doctorName" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={["health", "familyDoctor", "institution"]} label={t("fields.familyDoctorInstitution")} rules={[{ max: 100 }]}>
          <Input maxLength={100} data-testid="elder-form-doctorInstitution" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={["health", "familyDoctor", "contractDate"]} label={t("fields.familyDoctorContractDate")}>
          <DatePicker style={{ width: "100%" }} data-testid="elder-form-doctorContractDate" />
        </Form.Item>
      </Col>
    </Row>
  );
}
