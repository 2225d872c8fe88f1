import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { FACILITIES_KEY, type FacilityDetail } from "../../api/facilities.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { dayjs } from "../../lib/time.ts";

interface Values {
  filingNo: string;
  filedAt: Dayjs;
  documents?: string[];
}

/** 备案: the filing number, its date and the names of the documents filed (a new filing replaces the shown one; the audit keeps the earlier). */
export function FilingForm({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<FacilityDetail>(`/facilities/${facility.id}/filing`, { method: "POST", body: { filingNo: v.filingNo.trim(), filedAt: v.filedAt.format("YYYY-MM-DD"), documents: (v.documents ?? []).map((name) => ({ name: name.trim() })).filter((d) => d.name) } }),
    onSuccess: async () => {
      void message.success(t("common.saved"));
      setError(null);
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
    },
    onError: (e) => {
      applyFieldErrors(form, e, [["documents"]]);
      setError(errorText(e));
    },
  });
  return (
    <div>
      <Typography.Title level={5}>{t("facility.filing")}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="inline"
        initialValues={{ filingNo: facility.filingNo ?? "", filedAt: facility.filedAt ? dayjs(facility.filedAt) : undefined, documents: facility.filingDocuments.map((d) => d.name) }}
        onFinish={(v) => save.mutate(v)}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="filingNo" rules={[{ required: true, whitespace: true, message: t("form.required", { field: t("facility.filingNo") }) }]}>
          <Input style={{ width: 220 }} maxLength={50} placeholder={t("facility.filingNo")} data-testid="facility-filing-no" />
        </Form.Item>
        <Form.Item name="filedAt" rules={[{ required: true, message: t("form.required", { field: t("facility.filedAt") }) }]}>
          <DatePicker placeholder={t("facility.filedAt")} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="documents">
          <Select mode="tags" style={{ width: 260 }} placeholder={t("facility.documents")} tokenSeparators={[",", "，", "、"]} />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending} data-testid="facility-filing-submit">
          {t("common.save")}
        </Button>
      </Form>
    </div>
  );
}
