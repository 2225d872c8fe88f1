import type { OrderAction, TransitionInput } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { useWorkers, type Worker } from "../../api/marketplace.ts";
import { ORDERS_KEY, type OrderDetail, orderKey } from "../../api/orders.ts";
import { yuan } from "../../lib/money.ts";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { todayShanghai } from "../../lib/time.ts";

/** The actions a console user takes; the worker's own (depart, check in/out…) belong to the H5 app. */
const CONSOLE_ACTIONS = ["accept", "reject", "assign", "confirm", "settle", "dispute", "resolve", "void", "cancel", "no_show"] as const satisfies readonly OrderAction[];
type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];
/** Actions done with one click (and a confirmation); the rest open a form. */
const ONE_CLICK: readonly ConsoleAction[] = ["accept", "confirm"];
const DANGER: readonly ConsoleAction[] = ["reject", "void", "cancel", "no_show", "dispute"];

interface Values {
  reason?: string;
  notes?: string;
  workerId?: string;
  method?: "cash" | "transfer";
  reference?: string;
  billableMinutes?: number | null;
}

function bodyOf(action: ConsoleAction, v: Values, order: OrderDetail): TransitionInput {
  switch (action) {
    case "accept":
    case "confirm":
      return { action };
    case "reject":
    case "cancel":
    case "void":
    case "dispute":
      return { action, reason: (v.reason ?? "").trim() };
    case "assign":
      return { action, ...(v.workerId ? { workerId: v.workerId } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
    case "settle":
      return { action, method: (order.copayFen ?? 0) > 0 ? (v.method ?? "cash") : "none", ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}) };
    case "resolve":
      return { action, reason: (v.reason ?? "").trim(), ...(v.billableMinutes !== undefined && v.billableMinutes !== null ? { billableMinutes: v.billableMinutes } : {}) };
    case "no_show":
      return { action, ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) };
  }
}

/** Whether a worker may do the order's product today (skills, and every certificate it needs valid). */
function qualified(w: Worker, order: OrderDetail, today: string): boolean {
  return (
    order.product.requiredSkills.every((s) => (w.skills as string[]).includes(s)) &&
    order.product.requiredCertificates.every((k) => w.certificates.some((c) => c.kind === k && c.validTo >= today))
  );
}

/**
 * One button per action the server offers this user (`order.actions`). A 409 means the order moved on meanwhile:
 * the Chinese detail is shown and the order is fetched again.
 */
export function OrderActions({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ConsoleAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const workers = useWorkers(order.providerId, open === "assign");
  const today = todayShanghai().format("YYYY-MM-DD");
  const actions = CONSOLE_ACTIONS.filter((a) => order.actions.includes(a));

  const run = useMutation({
    mutationFn: ({ action, values }: { action: ConsoleAction; values: Values }) =>
      api<OrderDetail>(`/service-orders/${order.id}/transitions`, { method: "POST", body: bodyOf(action, values, order) }),
    onSuccess: async (updated, { action }) => {
      setOpen(null);
      queryClient.setQueryData(orderKey(order.id), updated);
      void message.success(t("order.actionDone", { action: t(`orderAction.${action}`) }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: [...ORDERS_KEY, "list"] }), queryClient.invalidateQueries({ queryKey: ["statements"] })]);
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) {
        setOpen(null);
        void message.error(t("order.conflict", { detail: errorText(e) }));
        await queryClient.invalidateQueries({ queryKey: orderKey(order.id) });
        return;
      }
      if (open) {
        applyFieldErrors(form, e);
        setError(errorText(e));
      } else void message.error(errorText(e));
    },
  });

  if (actions.length === 0) return null;
  const start = (a: ConsoleAction) => {
    setError(null);
    form.resetFields();
    if (a === "resolve") form.setFieldsValue({ billableMinutes: order.actualMinutes });
    if (a === "settle") form.setFieldsValue({ method: "cash" });
    setOpen(a);
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t("form.required", { field: t(field) }) });
  const reasonField = (labelKey: string, max: number, optional = false) => (
    <Form.Item name="reason" label={t(labelKey)} rules={optional ? [{ max }] : [required(labelKey), { max }]}>
      <Input.TextArea rows={3} maxLength={max} data-testid="order-action-reason" />
    </Form.Item>
  );

  return (
    <>
      <Space wrap data-testid="order-actions">
        {actions.map((a) =>
          ONE_CLICK.includes(a) ? (
            <Popconfirm
              key={a}
              title={t(a === "accept" ? "order.confirmAccept" : "order.confirmConfirm")}
              onConfirm={() => run.mutate({ action: a, values: {} })}
              okButtonProps={testId("order-action-confirm")}
            >
              <Button type="primary" loading={run.isPending && run.variables?.action === a} data-testid={`order-action-${a}`}>
                {t(`orderAction.${a}`)}
              </Button>
            </Popconfirm>
          ) : (
            <Button key={a} danger={DANGER.includes(a)} type={DANGER.includes(a) ? "default" : "primary"} onClick={() => start(a)} data-testid={`order-action-${a}`}>
              {t(`orderAction.${a}`)}
            </Button>
          ),
        )}
      </Space>
      <Modal
        open={!!open}
        title={open ? t(`orderAction.${open}`) : ""}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: !!open && DANGER.includes(open), loading: run.isPending, ...testId("order-action-submit") }}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="order-action-error" />}
        <Form<Values> form={form} layout="vertical" data-testid="order-action-form" onFinish={(values) => open && run.mutate({ action: open, values })}>
          {open === "reject" && reasonField("order.rejectReason", 200)}
          {open === "cancel" && reasonField("order.cancelReason", 200)}
          {open === "dispute" && reasonField("order.disputeReason", 500)}
          {open === "void" && reasonField("order.resolveReason", 500)}
          {open === "resolve" && (
            <>
              <Form.Item name="billableMinutes" label={t("order.billable")} extra={t("order.billableHelp")}>
                <InputNumber min={0} max={43_200} precision={0} style={{ width: "100%" }} data-testid="order-action-minutes" />
              </Form.Item>
              {reasonField("order.resolveReason", 500)}
            </>
          )}
          {open === "no_show" && (
            <Form.Item name="notes" label={t("order.noShowNotes")} rules={[{ max: 500 }]}>
              <Input.TextArea rows={3} maxLength={500} data-testid="order-action-notes" />
            </Form.Item>
          )}
          {open === "assign" && (
            <>
              <Form.Item name="workerId" label={t("order.assignWorker")} extra={t("order.assignHelp")}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "title" }}
                  loading={workers.isPending}
                  placeholder={t("order.assignAuto")}
                  data-testid="order-action-worker"
                  options={(workers.data?.items ?? [])
                    .filter((w) => w.active)
                    .map((w) => {
                      const ok = qualified(w, order, today);
                      return {
                        value: w.id,
                        title: w.name,
                        label: (
                          <Space size={6}>
                            <span>{w.name}</span>
                            <span className="mono" style={{ color: "rgba(0,0,0,0.45)" }}>
                              {w.workStart}–{w.workEnd}
                            </span>
                            <Tag color={ok ? "green" : "red"} style={{ marginInlineEnd: 0 }}>
                              {ok ? t("order.workerQualified") : t("order.workerUnqualified")}
                            </Tag>
                          </Space>
                        ),
                      };
                    })}
                />
              </Form.Item>
              {reasonField("order.assignReason", 200, true)}
            </>
          )}
          {open === "settle" && (
            <>
              <Alert type="info" showIcon title={t("order.settleCopay", { amount: yuan(order.copayFen) })} style={{ marginBottom: 16 }} />
              {(order.copayFen ?? 0) > 0 && (
                <Form.Item name="method" label={t("order.settleMethod")} rules={[{ required: true }]}>
                  <Radio.Group
                    data-testid="order-action-method"
                    options={(["cash", "transfer"] as const).map((m) => ({ value: m, label: <span data-testid={`order-action-method-${m}`}>{t(`copayMethod.${m}`)}</span> }))}
                  />
                </Form.Item>
              )}
              <Form.Item name="reference" label={t("order.settleReference")} rules={[{ max: 100 }]}>
                <Input maxLength={100} data-testid="order-action-reference" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
