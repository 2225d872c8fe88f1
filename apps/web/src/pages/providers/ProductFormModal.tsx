import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { CertificateKind, CreateProductInput, PriceUnit, ServiceCategory, SubsidyConditions, WorkerSkill } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Product, Provider } from "../../api/marketplace.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { categoryOptions, certificateOptions, economicOptions, livingOptions, skillOptions, unitOptions } from "../../lib/labels.ts";
import { toFen } from "../../lib/money.ts";
import { applyMappedErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

interface TierValues {
  label: string;
  minAge?: number | null;
  economicStatuses?: SubsidyConditions["economicStatuses"];
  livingSituations?: SubsidyConditions["livingSituations"];
  priceYuan: number;
}
interface Values {
  name: string;
  category: ServiceCategory;
  unit: PriceUnit;
  priceYuan: number;
  durationMinutes: number;
  description?: string;
  tiers: TierValues[];
  requiredSkills?: WorkerSkill[];
  requiredCertificates?: CertificateKind[];
  tasks?: string[];
  walletEligible: boolean;
  serviceRegions?: string[];
}

function toInput(providerId: string, v: Values): CreateProductInput {
  return {
    providerId,
    name: v.name.trim(),
    category: v.category,
    unit: v.unit,
    priceFen: toFen(v.priceYuan),
    durationMinutes: v.durationMinutes,
    description: v.description?.trim() || null,
    subsidyPrices: (v.tiers ?? []).map((tier) => {
      const conditions: SubsidyConditions = {};
      if (tier.minAge !== undefined && tier.minAge !== null) conditions.minAge = tier.minAge;
      if (tier.economicStatuses?.length) conditions.economicStatuses = tier.economicStatuses;
      if (tier.livingSituations?.length) conditions.livingSituations = tier.livingSituations;
      return { label: tier.label.trim(), conditions, priceFen: toFen(tier.priceYuan) };
    }),
    requiredSkills: v.requiredSkills ?? [],
    requiredCertificates: v.requiredCertificates ?? [],
    tasks: (v.tasks ?? []).map((s) => s.trim()).filter(Boolean),
    walletEligible: v.walletEligible,
    ...(v.serviceRegions?.length ? { serviceRegions: v.serviceRegions } : {}),
  };
}

/** Where a server error path belongs in this form (prices are typed in yuan, tier conditions sit flat on the tier's row). */
function fieldOf(path: string): (string | number)[] | null {
  const parts = path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, index, field, sub] = parts;
  if (head === "priceFen") return ["priceYuan"];
  if (head === "subsidyPrices") {
    if (typeof index !== "number") return null;
    if (field === "priceFen") return ["tiers", index, "priceYuan"];
    if (field === "conditions" && sub !== undefined) return ["tiers", index, sub];
    return field === "label" ? ["tiers", index, "label"] : null;
  }
  if (head === "requiredSkills" || head === "requiredCertificates" || head === "tasks" || head === "serviceRegions") return [head];
  return typeof head === "string" ? [head] : null;
}

/** 发布产品: category, unit, market price, subsidised tiers, duration, the skills and certificates it needs, the checklist. */
export function ProductFormModal({ provider, open, onClose }: { provider: Provider; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (v: Values) => api<Product>("/service-products", { method: "POST", body: toInput(provider.id, v) }),
    onSuccess: async (p) => {
      void message.success(t("product.published", { name: p.name }));
      await queryClient.invalidateQueries({ queryKey: ["products"] });
      onClose();
    },
    onError: (e) => {
      const unplaced = applyMappedErrors(form, e, fieldOf);
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });

  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  return (
    <Modal
      open={open}
      title={t("product.publish")}
      width={880}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, ...testId("product-form-submit") }}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="product-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="product-form"
        initialValues={{ unit: "visit", durationMinutes: 60, walletEligible: true, tiers: [] }}
        onFinish={(v) => (setError(null), create.mutate(v))}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t("product.name")} rules={[{ ...required("product.name"), whitespace: true }, { max: 100 }]}>
              <Input maxLength={100} data-testid="product-form-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="category" label={t("product.category")} rules={[required("product.category")]}>
              <Select options={categoryOptions(t)} data-testid="product-form-category" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={t("product.unit")} rules={[required("product.unit")]}>
              <Select options={unitOptions(t)} data-testid="product-form-unit" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="priceYuan" label={t("product.priceYuan")} rules={[required("product.priceYuan")]}>
              <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: "100%" }} data-testid="product-form-price" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="durationMinutes" label={t("product.durationMinutes")} rules={[required("product.durationMinutes")]}>
              <InputNumber min={10} max={43_200} step={15} precision={0} style={{ width: "100%" }} data-testid="product-form-duration" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="walletEligible" label={t("product.walletEligible")} valuePropName="checked" extra={t("product.walletEligibleHelp")}>
              <Switch data-testid="product-form-walletEligible" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t("product.description")} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid="product-form-description" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("product.tiers")}</Divider>
        <Typography.Paragraph type="secondary">{t("product.tiersHelp")}</Typography.Paragraph>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} data-testid="product-form-tier">
                  <Col span={6}>
                    <Form.Item name={[f.name, "label"]} label={t("product.tierLabel")} rules={[{ ...required("product.tierLabel"), whitespace: true }, { max: 50 }]}>
                      <Input maxLength={50} placeholder={t("product.tierLabelPlaceholder")} data-testid="product-form-tier-label" />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[f.name, "minAge"]} label={t("product.tierMinAge")}>
                      <InputNumber min={0} max={150} precision={0} style={{ width: "100%" }} placeholder={t("product.tierAny")} data-testid="product-form-tier-minAge" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, "economicStatuses"]} label={t("product.tierEconomic")}>
                      <Select mode="multiple" allowClear maxTagCount="responsive" options={economicOptions(t)} placeholder={t("product.tierAny")} data-testid="product-form-tier-economic" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, "livingSituations"]} label={t("product.tierLiving")}>
                      <Select mode="multiple" allowClear maxTagCount="responsive" options={livingOptions(t)} placeholder={t("product.tierAny")} data-testid="product-form-tier-living" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item
                      name={[f.name, "priceYuan"]}
                      label={t("product.tierPrice")}
                      dependencies={["priceYuan"]}
                      rules={[
                        required("product.tierPrice"),
                        ({ getFieldValue }) => ({
                          validator: async (_r, v: number | null | undefined) => {
                            const market = getFieldValue("priceYuan") as number | null | undefined;
                            if (v !== null && v !== undefined && market !== null && market !== undefined && v > market) throw new Error(t("product.tierAbove"));
                          },
                        }),
                      ]}
                    >
                      <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: "100%" }} data-testid="product-form-tier-price" />
                    </Form.Item>
                  </Col>
                  <Col span={1} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} onClick={() => remove(f.name)} data-testid="product-form-tier-remove" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="product-form-tier-add">
                {t("product.addTier")}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t("product.requirements")}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="requiredSkills" label={t("product.requiredSkills")}>
              <Select mode="multiple" allowClear options={skillOptions(t)} data-testid="product-form-skills" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="requiredCertificates" label={t("product.requiredCertificates")}>
              <Select mode="multiple" allowClear options={certificateOptions(t)} data-testid="product-form-certificates" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="tasks" label={t("product.tasks")} extra={t("product.tasksHelp")}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} data-testid="product-form-tasks" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="serviceRegions" label={t("product.serviceRegions")} extra={t("product.serviceRegionsHelp")}>
              <RegionTreeSelect multiple data-testid="product-form-serviceRegions" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
