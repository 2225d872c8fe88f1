import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Result, Space, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api/client.ts";
import { elderKey, useElder } from "../../api/elders.ts";
import { applyFieldErrors, errorText, existingIdOf } from "../../lib/problem.ts";
import { ElderFormFields } from "./ElderFormFields.tsx";
import { EMPTY_VALUES, type ElderFormValues, LIST_FIELDS, toBody, valuesFromDetail } from "./elderFormValues.ts";

interface FormError {
  detail: string;
  others: string[];
  existingId: string | null;
}

/** /elders/new and /elders/:id/edit */
export function ElderFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ElderFormValues>();
  const [error, setError] = useState<FormError | null>(null);
  const elder = useElder(id);
  const editing = !!id;

  useEffect(() => {
    if (elder.data) form.setFieldsValue(valuesFromDetail(elder.data));
  }, [elder.data, form]);

  const save = useMutation({
    mutationFn: (values: ElderFormValues) =>
      editing
        ? api<{ id: string }>(`/elders/${id}`, { method: "PATCH", body: toBody(values, elder.data?.version) })
        : api<{ id: string }>("/elders", { method: "POST", body: toBody(values) }),
    onSuccess: async (res) => {
      const target = res?.id ?? id;
      await queryClient.invalidateQueries({ queryKey: ["elders"] });
      void message.success(t(editing ? "form.updated" : "form.created"));
      if (target) navigate(`/elders/${target}`, { replace: editing });
    },
    onError: (e) => {
      const others = applyFieldErrors(form, e, LIST_FIELDS);
      setError({ detail: errorText(e), others, existingId: existingIdOf(e) });
      window.scrollTo({ top: 0, behavior: "smooth" });
    },
  });

  if (editing && elder.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (editing && elder.isError) return <Result status="warning" title={errorText(elder.error)} extra={<Link to="/elders">{t("common.back")}</Link>} />;
  if (editing && elder.data && elder.data.status !== "active") {
    return <Result status="info" title={t("detail.readOnlyBanner", { status: t(`elderStatus.${elder.data.status}`), date: elder.data.statusDate ?? "", reason: elder.data.statusReason ?? "" })} extra={<Link to={`/elders/${id}`}>{t("common.back")}</Link>} />;
  }

  const title = editing ? t("form.editTitle", { name: elder.data?.name ?? "" }) : t("form.createTitle");
  return (
    <Card title={title} data-testid="elder-form-page">
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 16 }}
          data-testid="elder-form-error"
          title={error.detail}
          description={
            error.others.length > 0 || error.existingId ? (
              <>
                {error.others.map((m) => (
                  <div key={m}>{m}</div>
                ))}
                {error.existingId && (
                  <Link to={`/elders/${error.existingId}`} data-testid="elder-form-existing-link">
                    {t("form.openExisting")}
                  </Link>
                )}
              </>
            ) : undefined
          }
        />
      )}
      <Form<ElderFormValues>
        form={form}
        layout="vertical"
        initialValues={EMPTY_VALUES}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
        scrollToFirstError
        data-testid="elder-form"
      >
        <ElderFormFields masked={elder.data ? { idNumber: elder.data.idNumber, phone: elder.data.phone } : undefined} />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="elder-form-submit">
            {t("common.save")}
          </Button>
          <Button onClick={() => navigate(editing ? `/elders/${id}` : "/elders")} data-testid="elder-form-cancel">
            {t("common.cancel")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
