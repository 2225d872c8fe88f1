import type { CreateProviderInput } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ME_KEY } from "../../api/auth.ts";
import { ApiError, api } from "../../api/client.ts";
import { PROVIDERS_KEY, type Provider } from "../../api/marketplace.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

interface Values {
  name: string;
  creditCode: string;
  legalPerson: string;
  phone: string;
  address: string;
  regionCode: string;
  lat?: number | null;
  lng?: number | null;
  serviceRegions: string[];
  qualifications?: string[];
  description?: string;
  autoAccept: boolean;
}

function toInput(v: Values): CreateProviderInput {
  return {
    name: v.name.trim(),
    // the check character is the server's to judge: its message lands on the field
    creditCode: v.creditCode.trim().toUpperCase(),
    legalPerson: v.legalPerson.trim(),
    phone: v.phone.trim(),
    address: v.address.trim(),
    regionCode: v.regionCode,
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    serviceRegions: v.serviceRegions,
    qualifications: (v.qualifications ?? []).map((q) => q.trim()).filter(Boolean),
    description: v.description?.trim() || null,
    autoAccept: v.autoAccept,
  };
}

/**
 * 登记服务商. The bureau's registration is approved at once; a provider admin registers their own organisation,
 * which waits for approval and becomes theirs (their `providerId` changes, so "who am I" is fetched again).
 */
export function ProviderFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated?: (p: Provider) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (v: Values) => api<Provider>("/providers", { method: "POST", body: toInput(v) }),
    onSuccess: async (p) => {
      void message.success(p.status === "approved" ? t("provider.created", { name: p.name }) : t("provider.createdPending"));
      await Promise.all([queryClient.invalidateQueries({ queryKey: PROVIDERS_KEY }), queryClient.invalidateQueries({ queryKey: ME_KEY })]);
      onClose();
      onCreated?.(p);
    },
    onError: (e) => {
      const unplaced = applyFieldErrors(form, e, [["serviceRegions"], ["qualifications"]]);
      // a duplicate credit code is a 409 without a field path: it still belongs on the field
      if (e instanceof ApiError && e.status === 409) form.setFields([{ name: "creditCode", errors: [errorText(e)] }]);
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  return (
    <Modal
      open={open}
      title={t("provider.formTitle")}
      width={760}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, ...testId("provider-form-submit") }}
      cancelButtonProps={testId("provider-form-cancel")}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="provider-form-error" />}
      <Form<Values> form={form} layout="vertical" data-testid="provider-form" initialValues={{ autoAccept: true, serviceRegions: [] }} onFinish={(v) => (setError(null), create.mutate(v))}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t("provider.name")} rules={[required("provider.name"), { max: 100 }]}>
              <Input maxLength={100} data-testid="provider-form-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="creditCode" label={t("provider.creditCode")} rules={[required("provider.creditCode")]}>
              <Input maxLength={18} autoComplete="off" className="mono" data-testid="provider-form-creditCode" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="legalPerson" label={t("provider.legalPerson")} rules={[required("provider.legalPerson"), { max: 50 }]}>
              <Input maxLength={50} data-testid="provider-form-legalPerson" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t("provider.phone")} rules={[required("provider.phone"), { max: 20 }]}>
              <Input maxLength={20} data-testid="provider-form-phone" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="regionCode" label={t("provider.region")} rules={[{ required: true, message: t("form.required", { field: t("provider.region") }) }]}>
              <RegionTreeSelect allowClear={false} data-testid="provider-form-region" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t("provider.address")} rules={[required("provider.address"), { max: 200 }]}>
              <Input maxLength={200} data-testid="provider-form-address" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lat" label={t("worker.baseLat")}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} data-testid="provider-form-lat" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lng" label={t("worker.baseLng")}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} data-testid="provider-form-lng" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="serviceRegions"
              label={t("provider.serviceRegions")}
              rules={[{ required: true, type: "array", min: 1, message: t("form.required", { field: t("provider.serviceRegions") }) }]}
            >
              <RegionTreeSelect multiple data-testid="provider-form-serviceRegions" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="qualifications" label={t("provider.qualifications")} extra={t("provider.qualificationsHelp")}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} data-testid="provider-form-qualifications" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t("provider.description")} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} data-testid="provider-form-description" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="autoAccept" label={t("provider.autoAccept")} valuePropName="checked" extra={t("provider.autoAcceptHelp")}>
              <Switch data-testid="provider-form-autoAccept" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
