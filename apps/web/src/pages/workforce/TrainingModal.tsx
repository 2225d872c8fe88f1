import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { STAFF_KEY, type StaffMember } from "../../api/facilities.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { dayjs } from "../../lib/time.ts";

interface Values {
  course: string;
  hours: number;
  result: "pass" | "fail";
  trainedOn: Dayjs;
}

/** Records one training of a staff member (append-only). */
export function TrainingModal({ staff, onClose }: { staff: StaffMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => api(`/staff/${staff!.id}/trainings`, { method: "POST", body: { course: v.course.trim(), hours: v.hours, result: v.result, trainedOn: v.trainedOn.format("YYYY-MM-DD") } }),
    onSuccess: async () => {
      void message.success(t("workforce.trainingSaved"));
      await queryClient.invalidateQueries({ queryKey: STAFF_KEY });
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(errorText(e));
    },
  });
  const required = (field: string) => ({ required: true, message: t("form.required", { field: t(field) }) });
  return (
    <Modal
      open={!!staff}
      title={staff ? t("workforce.trainingTitle", { name: staff.name }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...testId("training-form-submit") }}
      afterOpenChange={(o) => {
        if (o) return;
        form.resetFields();
        setError(null);
      }}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ result: "pass", hours: 8, trainedOn: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="course" label={t("workforce.course")} rules={[{ ...required("workforce.course"), whitespace: true }]}>
          <Input maxLength={100} data-testid="training-form-course" />
        </Form.Item>
        <Form.Item name="hours" label={t("workforce.hours")} rules={[required("workforce.hours")]}>
          <InputNumber min={1} max={1000} precision={0} data-testid="training-form-hours" />
        </Form.Item>
        <Form.Item name="result" label={t("workforce.result")}>
          <Radio.Group options={[{ value: "pass", label: t("workforce.pass") }, { value: "fail", label: t("workforce.fail") }]} />
        </Form.Item>
        <Form.Item name="trainedOn" label={t("workforce.trainedOn")} rules={[required("workforce.trainedOn")]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
