import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, InputNumber, Modal, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Volunteer } from "../../api/timebank.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

/**
 * 住址坐标: where the volunteer lives, as two numbers (GCJ-02, as a Chinese map app shows them), both or neither.
 * Typed in rather than taken from the community's centre: the alarm console measures how far the volunteer is from an
 * elder in need, and a centre up to a kilometre off would rank the wrong neighbour first.
 */
export function VolunteerHomeFields({ prefix }: { prefix: "tb-register" | "tb-edit" }) {
  const { t } = useTranslation();
  const both = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      if ((getFieldValue("lat") == null) !== (getFieldValue("lng") == null)) throw new Error(t("timebank.volunteer.homeBoth"));
    },
  });
  return (
    <Form.Item label={t("timebank.volunteer.home")} extra={t("timebank.volunteer.homeHint")} style={{ marginBottom: 8 }}>
      <Space wrap>
        <Form.Item name="lat" noStyle rules={[both]} dependencies={["lng"]}>
          <InputNumber min={-90} max={90} step={0.0001} precision={6} placeholder={t("timebank.volunteer.lat")} style={{ width: 160 }} data-testid={`${prefix}-lat`} />
        </Form.Item>
        <Form.Item name="lng" noStyle rules={[both]} dependencies={["lat"]}>
          <InputNumber min={-180} max={180} step={0.0001} precision={6} placeholder={t("timebank.volunteer.lng")} style={{ width: 160 }} data-testid={`${prefix}-lng`} />
        </Form.Item>
      </Space>
    </Form.Item>
  );
}

interface EditValues {
  phone?: string;
  team?: string;
  lat?: number | null;
  lng?: number | null;
}

/** 编辑 a volunteer: phone (blank keeps the present one), team and home position; PATCH /volunteers/{id}, audited. */
export function VolunteerEditModal({ volunteer, onClose }: { volunteer: Volunteer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (volunteer) {
      setError(null);
      form.setFieldsValue({ phone: "", team: volunteer.team ?? "", lat: volunteer.lat, lng: volunteer.lng });
    }
  }, [volunteer, form]);
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      api<Volunteer>(`/volunteers/${volunteer!.id}`, {
        method: "PATCH",
        body: { ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), team: v.team?.trim() || null, lat: v.lat ?? null, lng: v.lng ?? null },
      }),
    onSuccess: () => {
      void message.success(t("timebank.volunteer.saved"));
      onClose();
      void queryClient.invalidateQueries({ queryKey: ["timebank"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  return (
    <Modal
      open={!!volunteer}
      title={volunteer ? t("timebank.volunteer.editTitle", { name: volunteer.name }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...testId("tb-edit-submit") }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="tb-edit-error" />}
      <Form<EditValues> form={form} name="volunteer-edit" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="phone" label={t("timebank.volunteer.phone")} extra={volunteer?.phone ? t("timebank.volunteer.phoneKeep", { phone: volunteer.phone }) : undefined}>
          <Input maxLength={20} data-testid="tb-edit-phone" />
        </Form.Item>
        <Form.Item name="team" label={t("timebank.volunteer.team")}>
          <Input maxLength={50} data-testid="tb-edit-team" />
        </Form.Item>
        <VolunteerHomeFields prefix="tb-edit" />
      </Form>
    </Modal>
  );
}
