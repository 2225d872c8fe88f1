import { FACILITY_TIERS, type CreateFacilityInput, type FacilityTier, OPERATING_MODELS, type OperatingModel } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { FACILITIES_KEY, type Facility, type FacilityDetail, PLANNING_KEY, useFacilities } from "../../api/facilities.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { enumOptions } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

interface Values {
  name: string;
  tier: FacilityTier;
  regionCode: string;
  parentId?: string | null;
  address: string;
  operatorName: string;
  operatingModel: OperatingModel;
  areaM2?: number;
  beds?: number;
  nursingBeds?: number;
  staffCount?: number;
  openingHours?: string;
  services?: string[];
  lat?: number | null;
  lng?: number | null;
  residents?: { disabled?: number; semiDisabled?: number; selfCare?: number };
}

function toInput(v: Values): CreateFacilityInput {
  return {
    name: v.name.trim(),
    tier: v.tier,
    regionCode: v.regionCode,
    parentId: v.tier === "station" || v.tier === "point" ? (v.parentId ?? null) : null,
    address: v.address.trim(),
    operatorName: v.operatorName.trim(),
    operatingModel: v.operatingModel,
    areaM2: v.areaM2 ?? 0,
    beds: v.beds ?? 0,
    nursingBeds: v.nursingBeds ?? 0,
    staffCount: v.staffCount ?? 0,
    openingHours: v.openingHours?.trim() || null,
    services: (v.services ?? []).map((s) => s.trim()).filter(Boolean),
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    residents: { disabled: v.residents?.disabled ?? 0, semiDisabled: v.residents?.semiDisabled ?? 0, selfCare: v.residents?.selfCare ?? 0 },
  };
}

/** A facility's particulars as the form holds them (editing). */
function toValues(f: FacilityDetail): Values {
  const { regionCode: _r, ...rest } = f;
  return { ...rest, regionCode: "", openingHours: f.openingHours ?? undefined };
}

/**
 * 登记养老设施: a center in a street, a station or point in a community led by that street's center, an institution.
 * With `facility`, the same form changes its particulars (type and region stay: a move is a new registration).
 */
export function FacilityFormModal({ open, onClose, onCreated, facility }: { open: boolean; onClose: () => void; onCreated?: (f: Facility) => void; facility?: FacilityDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const tier = Form.useWatch("tier", form);
  const watchedRegion = Form.useWatch("regionCode", form);
  const regionCode = facility?.regionCode ?? watchedRegion;
  const centers = useFacilities({ tier: "center" });
  const led = tier === "station" || tier === "point";
  // a station's center stands in the street its community belongs to
  const street = regionCode?.length === 12 ? regionCode.slice(0, 9) : null;
  const centerOptions = (centers.data?.items ?? []).filter((c) => !street || c.regionCode === street).map((c) => ({ value: c.id, label: c.name }));

  useEffect(() => {
    if (open && facility) form.setFieldsValue(toValues(facility));
  }, [open, facility, form]);
  const create = useMutation({
    mutationFn: (v: Values) => {
      if (!facility) return api<Facility>("/facilities", { method: "POST", body: toInput(v) });
      const { tier: _t, regionCode: _r, ...changes } = toInput(v);
      return api<Facility>(`/facilities/${facility.id}`, { method: "PATCH", body: changes });
    },
    onSuccess: async (f) => {
      void message.success(facility ? t("common.saved") : t("facility.created", { name: f.name }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: FACILITIES_KEY }), queryClient.invalidateQueries({ queryKey: PLANNING_KEY })]);
      onClose();
      onCreated?.(f);
    },
    onError: (e) => {
      const unplaced = applyFieldErrors(form, e, [["services"]]);
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });

  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  const count = (name: string | string[], label: string, id: string) => (
    <Form.Item name={name} label={t(label)}>
      <InputNumber min={0} precision={0} style={{ width: "100%" }} data-testid={id} />
    </Form.Item>
  );
  return (
    <Modal
      open={open}
      title={facility ? facility.name : t("facility.formTitle")}
      width={780}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, ...testId("facility-form-submit") }}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="facility-form-error" />}
      <Form form={form} layout="vertical" initialValues={{ operatingModel: "public_private", tier: "station" }} onFinish={(v) => create.mutate(v)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="tier" label={t("facility.tier")} rules={[required("facility.tier")]}>
              <Select disabled={!!facility} options={enumOptions(t, "facilityTier", FACILITY_TIERS)} data-testid="facility-form-tier" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {facility ? (
              <Form.Item label={t("facility.region")}>
                <Input disabled value={facility.regionName ?? facility.regionCode} />
              </Form.Item>
            ) : (
              <Form.Item name="regionCode" label={t("facility.region")} rules={[required("facility.region")]}>
                <RegionTreeSelect data-testid="facility-form-region" />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t("facility.name")} rules={[{ ...required("facility.name"), whitespace: true }]}>
              <Input maxLength={100} data-testid="facility-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {led && (
              <Form.Item name="parentId" label={t("facility.parent")} extra={t("facility.parentHint")}>
                <Select allowClear options={centerOptions} loading={centers.isFetching} data-testid="facility-form-parent" />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t("facility.address")} rules={[{ ...required("facility.address"), whitespace: true }]}>
              <Input maxLength={200} data-testid="facility-form-address" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="operatorName" label={t("facility.operator")} rules={[{ ...required("facility.operator"), whitespace: true }]}>
              <Input maxLength={100} data-testid="facility-form-operator" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="operatingModel" label={t("facility.operatingModel")} rules={[required("facility.operatingModel")]}>
              <Select options={enumOptions(t, "operatingModel", OPERATING_MODELS)} data-testid="facility-form-model" />
            </Form.Item>
          </Col>
          <Col span={6}>{count("areaM2", "facility.areaM2", "facility-form-area")}</Col>
          <Col span={6}>{count("beds", "facility.beds", "facility-form-beds")}</Col>
          <Col span={6}>{count("nursingBeds", "facility.nursingBeds", "facility-form-nursing-beds")}</Col>
          <Col span={6}>{count("staffCount", "facility.staffCount", "facility-form-staff")}</Col>
          <Col span={12}>
            <Form.Item name="openingHours" label={t("facility.openingHours")}>
              <Input maxLength={100} placeholder="08:30–18:00" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="services" label={t("facility.services")}>
              <Select mode="tags" tokenSeparators={[",", "，", "、"]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lat" label={t("facility.lat")}>
              <InputNumber min={3} max={54} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lng" label={t("facility.lng")}>
              <InputNumber min={73} max={136} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          {tier === "institution" && (
            <>
              <Col span={8}>{count(["residents", "disabled"], "facility.disabled", "facility-form-disabled")}</Col>
              <Col span={8}>{count(["residents", "semiDisabled"], "facility.semiDisabled", "facility-form-semi")}</Col>
              <Col span={8}>{count(["residents", "selfCare"], "facility.selfCare", "facility-form-self")}</Col>
            </>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
