import { isValidPhone, normalizePhone, parseIdNumber } from "@carecircle/shared";
import { Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { abilityOptions, disabilityOptions, economicOptions, gradeOptions, hukouOptions, livingOptions } from "../../lib/labels.ts";
import type { ElderFormValues } from "./elderFormValues.ts";
import { HealthFields } from "./HealthFields.tsx";

interface Props {
  /** Editing: ID number and phone may stay empty; these are the masked current values. */
  masked?: { idNumber: string; phone: string };
}

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };

/** Every field of ElderFields, in three sections. */
export function ElderFormFields({ masked }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ElderFormValues>();
  const idNumber = Form.useWatch("idNumber", form);
  const disabilityKind = Form.useWatch("disabilityKind", form);
  const parsed = idNumber ? parseIdNumber(idNumber) : null;
  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(`fields.${field}`) }) });

  return (
    <>
      <Divider titlePlacement="start">{t("form.sectionBasic")}</Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t("fields.name")} rules={[required("name"), { max: 50 }]}>
            <Input data-testid="elder-form-name" maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="idNumber"
            label={t("fields.idNumber")}
            rules={[
              ...(masked ? [] : [required("idNumber")]),
              {
                validator: async (_rule, v: string | undefined) => {
                  if (!v || !v.trim()) return;
                  const r = parseIdNumber(v);
                  if (!r.ok) throw new Error(t(`idNumber.${r.problem}`));
                },
              },
            ]}
            extra={
              parsed?.ok ? (
                <Typography.Text type="success" data-testid="elder-form-derived">
                  {t("idNumber.derived", { birthDate: parsed.value.birthDate, sex: t(`sex.${parsed.value.sex}`) })}
                </Typography.Text>
              ) : masked ? (
                t("form.keepMasked", { masked: masked.idNumber })
              ) : undefined
            }
          >
            <Input data-testid="elder-form-idNumber" maxLength={18} autoComplete="off" placeholder={masked?.idNumber} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phone"
            label={t("fields.phone")}
            extra={masked ? t("form.keepMasked", { masked: masked.phone }) : undefined}
            rules={[
              ...(masked ? [] : [required("phone")]),
              {
                validator: async (_rule, v: string | undefined) => {
                  if (v && v.trim() && !isValidPhone(normalizePhone(v))) throw new Error(t("form.phoneInvalid"));
                },
              },
            ]}
          >
            <Input data-testid="elder-form-phone" autoComplete="off" placeholder={masked?.phone} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="regionCode"
            label={t("fields.regionCode")}
            rules={[
              { required: true, message: t("form.regionInvalid") },
              { pattern: /^\d{12}$/, message: t("form.communityRequired") },
            ]}
          >
            <RegionTreeSelect communitiesOnly allowClear={false} placeholder={t("elders.regionPlaceholder")} data-testid="elder-form-region" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={t("fields.address")} rules={[required("address"), { max: 200 }]}>
            <Input data-testid="elder-form-address" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="lat" label={t("fields.lat")}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: "100%" }} data-testid="elder-form-lat" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="lng" label={t("fields.lng")}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: "100%" }} data-testid="elder-form-lng" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="hukouType" label={t("fields.hukouType")}>
            <Select options={hukouOptions(t)} data-testid="elder-form-hukouType" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="hukouAddress" label={t("fields.hukouAddress")} rules={[{ max: 200 }]}>
            <Input data-testid="elder-form-hukouAddress" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t("form.sectionSituation")}</Divider>
      <Row gutter={16}>
        <Col {...third}>
          <Form.Item name="livingSituation" label={t("fields.livingSituation")}>
            <Select options={livingOptions(t)} data-testid="elder-form-livingSituation" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="economicStatus" label={t("fields.economicStatus")}>
            <Select options={economicOptions(t)} data-testid="elder-form-economicStatus" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="abilityLevel" label={t("fields.abilityLevel")}>
            <Select allowClear options={abilityOptions(t)} data-testid="elder-form-abilityLevel" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="disabilityKind" label={t("fields.disabilityKind")}>
            <Select options={disabilityOptions(t)} data-testid="elder-form-disabilityKind" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="disabilityGrade" label={t("fields.disabilityGrade")}>
            <Select allowClear disabled={disabilityKind === "none"} options={gradeOptions(t)} data-testid="elder-form-disabilityGrade" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="tags" label={t("fields.tags")}>
            <Select mode="tags" tokenSeparators={[",", "，"]} placeholder={t("form.tagsPlaceholder")} open={false} suffixIcon={null} data-testid="elder-form-tags" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t("form.sectionHealth")}</Divider>
      <HealthFields />
      <Form.Item name="notes" label={t("fields.notes")} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="elder-form-notes" />
      </Form.Item>
    </>
  );
}
