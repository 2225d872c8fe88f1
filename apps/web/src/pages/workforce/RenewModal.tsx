import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Modal } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { STAFF_KEY, type StaffMember } from "../../api/facilities.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { dayjs } from "../../lib/time.ts";
import { CertificateFields, type CertValues, certificatesInput } from "./CertificateFields.tsx";

/** 换证: the staff member's certificates, renewed or added; the saved list replaces the old one and clears its reminders. */
export function RenewModal({ staff, onClose }: { staff: StaffMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ certificates: CertValues[] }>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (staff) form.setFieldsValue({ certificates: staff.certificates.map((c) => ({ kind: c.kind, level: c.level ?? null, number: c.number, validTo: dayjs(c.validTo) })) });
  }, [staff, form]);
  const save = useMutation({
    mutationFn: (v: { certificates: CertValues[] }) => api<StaffMember>(`/staff/${staff!.id}`, { method: "PATCH", body: { certificates: certificatesInput(v.certificates) } }),
    onSuccess: async () => {
      void message.success(t("common.saved"));
      await queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });
  return (
    <Modal
      open={!!staff}
      width={820}
      title={staff ? t("workforce.renewTitle", { name: staff.name }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...testId("renew-form-submit") }}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <CertificateFields />
      </Form>
    </Modal>
  );
}
