import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, InputNumber, Modal, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Product } from "../../api/marketplace.ts";
import { hours } from "../../api/timebank.ts";
import { enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";

/** The bureau (民政) decides which services the time bank's hours may buy, and at how many hours a unit. */
export function useMayListForTimebank(): boolean {
  const { data: me } = useMe();
  return can(me, "provider:approve") && can(me, "timebank:manage");
}

/** 时间银行兑换 column: "2 小时/次" or 未列入; for the bureau, list (at a price in hours, half-hour steps) or unlist. */
export function TimebankListing({ product: p, manage }: { product: Product; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ hours: number }>();
  const set = useMutation({
    mutationFn: (timebankMinutes: number | null) => api<Product>(`/service-products/${p.id}/timebank`, { method: "PUT", body: { timebankMinutes } }),
    onSuccess: async (saved) => {
      setOpen(false);
      void message.success(saved.timebankMinutes === null ? t("timebank.orders.unlisted") : t("timebank.orders.listedAt", { hours: hours(saved.timebankMinutes), unit: enumLabel(t, "priceUnit", p.unit) }));
      await queryClient.invalidateQueries({ queryKey: ["products"] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const listed = p.timebankMinutes !== null;
  const unit = enumLabel(t, "priceUnit", p.unit);
  return (
    <Space orientation="vertical" size={4} data-testid="product-timebank" data-timebank-minutes={p.timebankMinutes ?? ""}>
      {listed ? <Tag color="purple">{t("timebank.orders.perUnit", { hours: hours(p.timebankMinutes!), unit })}</Tag> : <Typography.Text type="secondary">{t("timebank.orders.notListed")}</Typography.Text>}
      {manage && (
        <Space size={4}>
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({ hours: listed ? p.timebankMinutes! / 60 : 1 });
              setOpen(true);
            }}
            data-testid="product-timebank-list"
          >
            {listed ? t("timebank.orders.change") : t("timebank.orders.list")}
          </Button>
          {listed && (
            <Popconfirm title={t("timebank.orders.unlistConfirm", { name: p.name })} onConfirm={() => set.mutate(null)} okButtonProps={testId("product-timebank-unlist-ok")}>
              <Button size="small" danger loading={set.isPending && set.variables === null} data-testid="product-timebank-unlist">
                {t("timebank.orders.unlist")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <Modal
        open={open}
        title={t("timebank.orders.listTitle", { name: p.name, provider: p.providerName })}
        okText={t("timebank.orders.listOk")}
        confirmLoading={set.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => set.mutate(Math.round(v.hours * 60)))}
        okButtonProps={testId("product-timebank-save")}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("timebank.orders.listIntro")}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="hours"
            label={t("timebank.orders.hoursPerUnit", { unit })}
            rules={[
              { required: true, message: t("timebank.orders.hoursRequired") },
              { validator: async (_, v: number | null) => (v === null || v === undefined || (v > 0 && Number.isInteger(v * 2)) ? undefined : Promise.reject(new Error(t("timebank.orders.halfHours")))) },
            ]}
          >
            <InputNumber min={0.5} max={24} step={0.5} suffix={t("timebank.orders.hoursSuffix")} style={{ width: 200 }} data-testid="product-timebank-hours" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
