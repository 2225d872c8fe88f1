import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { type CertificateInput, type CreateWorkerInput, isValidPhone, normalizePhone, type WorkerSkill } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Switch, TimePicker, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { type Provider, type Worker, workersKey } from "../../api/marketplace.ts";
import { certificateOptions, skillOptions, weekdayOptions } from "../../lib/labels.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { dayjs } from "../../lib/time.ts";

interface CertValues {
  kind: CertificateInput["kind"];
  level?: number | null;
  number?: string;
  validFrom?: Dayjs | null;
  validTo: Dayjs;
}
interface Values {
  name: string;
  phone: string;
  username?: string;
  skills: WorkerSkill[];
  certificates: CertValues[];
  workDays: number[];
  workStart: Dayjs;
  workEnd: Dayjs;
  baseLat: number;
  baseLng: number;
  active: boolean;
}

const hm = (s: string) => dayjs(`2000-01-01T${s}`);

function certificates(v: Values): CertificateInput[] {
  return (v.certificates ?? []).map((c) => ({
    kind: c.kind,
    level: c.kind === "caregiver" ? (c.level ?? null) : null,
    number: c.number?.trim() || null,
    validFrom: c.validFrom ? c.validFrom.format("YYYY-MM-DD") : null,
    validTo: c.validTo.format("YYYY-MM-DD"),
  }));
}

/** 添加服务人员 / 编辑: name, phone and the linked account are set once; skills, certificates, hours and position can change. */
export function WorkerFormModal({ provider, worker, open, onClose }: { provider: Provider; worker: Worker | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const editing = !!worker;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (worker) {
      form.setFieldsValue({
        skills: worker.skills,
        certificates: worker.certificates.map((c) => ({ kind: c.kind, level: c.level ?? null, number: c.number ?? undefined, validFrom: c.validFrom ? dayjs(c.validFrom) : null, validTo: dayjs(c.validTo) })),
        workDays: worker.workDays,
        workStart: hm(worker.workStart),
        workEnd: hm(worker.workEnd),
        baseLat: worker.baseLat,
        baseLng: worker.baseLng,
        active: worker.active,
      });
    }
  }, [open, worker, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        skills: v.skills,
        certificates: certificates(v),
        workDays: [...v.workDays].sort(),
        workStart: v.workStart.format("HH:mm"),
        workEnd: v.workEnd.format("HH:mm"),
        baseLat: v.baseLat,
        baseLng: v.baseLng,
      };
      if (worker) return api<Worker>(`/workers/${worker.id}`, { method: "PATCH", body: { ...common, active: v.active } });
      const body: CreateWorkerInput = { ...common, name: v.name.trim(), phone: normalizePhone(v.phone), username: v.username?.trim() || null };
      return api<Worker>(`/providers/${provider.id}/workers`, { method: "POST", body });
    },
    onSuccess: async () => {
      void message.success(editing ? t("worker.updated") : t("worker.added"));
      await queryClient.invalidateQueries({ queryKey: workersKey(provider.id) });
      onClose();
    },
    onError: (e) => {
      const unplaced = applyFieldErrors(form, e, [["skills"], ["workDays"]]);
      setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
    },
  });

  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  return (
    <Modal
      open={open}
      title={worker ? t("worker.edit", { name: worker.name }) : t("worker.add")}
      width={860}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...testId("worker-form-submit") }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="worker-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="worker-form"
        initialValues={{ workDays: [1, 2, 3, 4, 5, 6], workStart: hm("08:00"), workEnd: hm("18:00"), certificates: [], skills: [], baseLat: provider.lat ?? undefined, baseLng: provider.lng ?? undefined, active: true }}
        onFinish={(v) => (setError(null), save.mutate(v))}
      >
        <Row gutter={16}>
          {!editing && (
            <>
              <Col span={8}>
                <Form.Item name="name" label={t("worker.name")} rules={[{ ...required("worker.name"), whitespace: true }, { max: 50 }]}>
                  <Input maxLength={50} data-testid="worker-form-name" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="phone"
                  label={t("worker.phone")}
                  rules={[
                    { ...required("worker.phone"), whitespace: true },
                    { validator: async (_r, v: string | undefined) => { if (v?.trim() && !isValidPhone(normalizePhone(v))) throw new Error(t("form.phoneInvalid")); } },
                  ]}
                >
                  <Input data-testid="worker-form-phone" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="username" label={t("worker.username")} tooltip={t("worker.usernameHelp")} rules={[{ max: 32 }]}>
                  <Input maxLength={32} autoComplete="off" data-testid="worker-form-username" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="skills" label={t("worker.skills")} rules={[{ ...required("worker.skills"), type: "array", min: 1 }]}>
              <Select mode="multiple" allowClear options={skillOptions(t)} data-testid="worker-form-skills" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("worker.certificates")}</Divider>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top" data-testid="worker-form-certificate">
                  <Col span={6}>
                    <Form.Item name={[f.name, "kind"]} label={t("worker.certKind")} rules={[required("worker.certKind")]}>
                      <Select options={certificateOptions(t)} data-testid="worker-form-cert-kind" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item noStyle dependencies={[["certificates", f.name, "kind"]]}>
                      {({ getFieldValue }) => (
                        <Form.Item name={[f.name, "level"]} label={t("worker.certLevel")}>
                          <Select
                            allowClear
                            disabled={getFieldValue(["certificates", f.name, "kind"]) !== "caregiver"}
                            options={[5, 4, 3, 2, 1].map((l) => ({ value: l, label: t(`caregiverLevel.${l}`) }))}
                            data-testid="worker-form-cert-level"
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, "number"]} label={t("worker.certNumber")} rules={[{ max: 50 }]}>
                      <Input maxLength={50} data-testid="worker-form-cert-number" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[f.name, "validFrom"]} label={t("worker.validFrom")}>
                      <DatePicker style={{ width: "100%" }} data-testid="worker-form-cert-validFrom" />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[f.name, "validTo"]} label={t("worker.validTo")} rules={[required("worker.validTo")]}>
                      <DatePicker style={{ width: "100%" }} data-testid="worker-form-cert-validTo" />
                    </Form.Item>
                  </Col>
                  <Col span={1} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} onClick={() => remove(f.name)} data-testid="worker-form-cert-remove" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "caregiver" })} data-testid="worker-form-cert-add">
                {t("worker.addCertificate")}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t("worker.workHours")}</Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="workDays" label={t("worker.workDays")} rules={[{ ...required("worker.workDays"), type: "array", min: 1 }]}>
              <Checkbox.Group options={weekdayOptions(t)} data-testid="worker-form-workDays" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="workStart" label={t("worker.workStart")} rules={[required("worker.workStart")]}>
              <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} style={{ width: "100%" }} data-testid="worker-form-workStart" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="workEnd"
              label={t("worker.workEnd")}
              dependencies={["workStart"]}
              rules={[
                required("worker.workEnd"),
                ({ getFieldValue }) => ({
                  validator: async (_r, v: Dayjs | undefined) => {
                    const start = getFieldValue("workStart") as Dayjs | undefined;
                    if (v && start && v.format("HH:mm") <= start.format("HH:mm")) throw new Error(t("worker.hoursOrder"));
                  },
                }),
              ]}
            >
              <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} style={{ width: "100%" }} data-testid="worker-form-workEnd" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="baseLat" label={t("worker.baseLat")} rules={[required("worker.baseLat")]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} data-testid="worker-form-baseLat" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="baseLng" label={t("worker.baseLng")} rules={[required("worker.baseLng")]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} data-testid="worker-form-baseLng" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Typography.Text type="secondary">{t("worker.baseHelp")}</Typography.Text>
          </Col>
          {editing && (
            <Col span={24} style={{ marginTop: 16 }}>
              <Form.Item name="active" valuePropName="checked" label={t("worker.activeSwitch")}>
                <Switch data-testid="worker-form-active" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
