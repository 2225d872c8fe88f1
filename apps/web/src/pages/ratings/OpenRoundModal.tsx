import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { PublicRating, SchemeRow } from "../../api/ratings.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

interface Values {
  name: string;
  schemeId: string;
  facilityIds: string[];
  assessorId: string;
  appealDays: number;
  recheck: boolean;
}

/** The bureau opens a round: a name, a scheme, the facilities of its region, one assessor for them, the appeal window. */
export function OpenRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const schemes = useQuery({ queryKey: ["rating-schemes"], queryFn: () => api<{ items: SchemeRow[] }>("/rating-schemes"), enabled: open });
  const assessors = useQuery({ queryKey: ["evaluation-assessors"], queryFn: () => api<{ items: { id: string; displayName: string; username: string }[] }>("/evaluation-assessors"), enabled: open });
  // the region's facilities, from the public list (every facility not closed, with its current stars)
  const facilities = useQuery({
    queryKey: ["rating-facilities", me?.regionCode],
    queryFn: () => api<{ items: PublicRating[] }>("/public/ratings", { query: { regionCode: me?.regionCode, limit: 500 } }),
    enabled: open && !!me,
  });
  const create = useMutation({
    mutationFn: (v: Values) => api<{ id: string }>("/evaluation-rounds", { method: "POST", body: v }),
    onSuccess: async () => {
      void message.success(t("ratings.roundOpened"));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ["evaluation-rounds"] });
      await queryClient.invalidateQueries({ queryKey: ["evaluations"] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, [["facilityIds"]]);
      setError(rest.length ? rest.join("；") : errorText(e));
    },
  });
  const required = (field: string) => [{ required: true, message: t("form.required", { field }) }];
  return (
    <Modal open={open} title={t("ratings.openRound")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, ...testId("round-submit") }} width={640} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ appealDays: 7, recheck: false }}
        onFinish={(v) => (setError(null), create.mutate(v))}
        data-testid="round-form"
      >
        <Form.Item name="name" label={t("ratings.roundName")} rules={[...required(t("ratings.roundName")), { max: 100 }]}>
          <Input data-testid="round-name" />
        </Form.Item>
        <Form.Item name="schemeId" label={t("ratings.scheme")} rules={required(t("ratings.scheme"))}>
          <Select
            data-testid="round-scheme"
            loading={schemes.isPending}
            options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.isDefault ? `${s.name}（${t("ratings.defaultScheme")}）` : s.name }))}
          />
        </Form.Item>
        <Form.Item name="facilityIds" label={t("ratings.facilities")} rules={required(t("ratings.facilities"))}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("ratings.facilitiesHint")}
            data-testid="round-facilities"
            loading={facilities.isPending}
            options={(facilities.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（${f.regionName ?? ""}）` }))}
          />
        </Form.Item>
        <Form.Item name="assessorId" label={t("ratings.assessor")} rules={required(t("ratings.assessor"))}>
          <Select data-testid="round-assessor" loading={assessors.isPending} options={(assessors.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))} />
        </Form.Item>
        <Form.Item name="appealDays" label={t("ratings.appealDays")} rules={required(t("ratings.appealDays"))}>
          <InputNumber min={0} max={60} precision={0} data-testid="round-appeal-days" />
        </Form.Item>
        <Form.Item name="recheck" label={t("ratings.recheck")} valuePropName="checked" extra={t("ratings.recheckHint")}>
          <Switch data-testid="round-recheck" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
