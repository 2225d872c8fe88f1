import { hoursText, type PlaceOrderInput, SERVICE_CATEGORIES, type ServiceCategory } from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Col, DatePicker, Descriptions, Form, Input, Radio, Result, Row, Select, Space, Spin, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api } from "../../api/client.ts";
import { useElder } from "../../api/elders.ts";
import { useProducts } from "../../api/marketplace.ts";
import { newIdempotencyKey, ORDERS_KEY, type OrderDetail, type Quote } from "../../api/orders.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { applyMappedErrors, errorText } from "../../lib/problem.ts";
import { dayjs, TZ, todayShanghai } from "../../lib/time.ts";
import { unitPrice } from "../providers/ProductsTab.tsx";
import { ProductPicker } from "./ProductPicker.tsx";
import { OrderStatusTag } from "./OrderTags.tsx";
import { slotText } from "./OrderTable.tsx";
import { type TimebankChoice, TimebankPay } from "./TimebankPay.tsx";

interface Values {
  category?: ServiceCategory;
  productId?: string;
  date?: Dayjs;
  time?: string;
  notes?: string;
}

/** Start times offered: every half hour from 07:00 to 20:00 (Beijing). */
const TIMES = Array.from({ length: 27 }, (_, i) => `${String(7 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`);
const MAX_DAYS_AHEAD = 60;

function bodyOf(elderId: string, v: Values, callId: string | undefined): PlaceOrderInput | null {
  if (!v.productId || !v.date || !v.time) return null;
  return {
    elderId,
    productId: v.productId,
    slotStart: dayjs.tz(`${v.date.format("YYYY-MM-DD")} ${v.time}`, TZ).format(),
    ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
    ...(callId ? { callId } : {}),
  };
}

/** What a quote depends on: everything but the notes. */
function keyOf(b: PlaceOrderInput): string {
  return JSON.stringify({ ...b, notes: undefined });
}

/**
 * Ordering for an elder (the hotline, the elder's record): category → product of the elder's community → day and time →
 * notes → 报价 (what the wallet pays and the co-pay) → 下单. The Idempotency-Key is made once per form, so a retried
 * click never makes a second order.
 */
export function OrderPanel({ elderId, callId, showElder = true, onPlaced }: { elderId: string; callId?: string; showElder?: boolean; onPlaced?: (o: OrderDetail) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const elder = useElder(elderId);
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const category = values?.category;
  const products = useProducts({ category, regionCode: elder.data?.regionCode }, !!category && !!elder.data);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [quoted, setQuoted] = useState<{ key: string; quote: Quote } | null>(null);
  const [placed, setPlaced] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paidByHours, setPaidByHours] = useState<TimebankChoice | null>(null);

  const body = values ? bodyOf(elderId, values, callId) : null;
  const bodyKey = body ? keyOf(body) : "";
  const quoteIsCurrent = !!quoted && quoted.key === bodyKey;

  const onError = (e: unknown) => {
    const unplaced = applyMappedErrors(form, e, (path) => (path === "slotStart" ? ["time"] : path === "productId" ? ["productId"] : path === "notes" ? ["notes"] : null));
    setError([errorText(e), ...unplaced].filter((s, i, all) => s && all.indexOf(s) === i).join("；"));
  };
  const quote = useMutation({
    mutationFn: (b: PlaceOrderInput) => api<Quote>("/service-orders/quote", { method: "POST", body: b }),
    onSuccess: (q, b) => setQuoted({ key: keyOf(b), quote: q }),
    onError,
  });
  const place = useMutation({
    mutationFn: (b: PlaceOrderInput) => api<OrderDetail>("/service-orders", { method: "POST", body: b, headers: { "Idempotency-Key": idempotencyKey } }),
    onSuccess: async (o) => {
      setPlaced(o);
      onPlaced?.(o);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ORDERS_KEY }), queryClient.invalidateQueries({ queryKey: ["calls"] })]);
    },
    onError,
  });

  // buttons, not a submit: Enter in the notes must never place an order
  const submit = async (what: "quote" | "place") => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const b = bodyOf(elderId, form.getFieldsValue(true) as Values, callId);
    if (!b) return;
    setError(null);
    if (what === "quote") quote.mutate(b);
    else place.mutate(paidByHours ? { ...b, timebank: paidByHours } : b);
  };
  const again = () => {
    form.resetFields();
    setQuoted(null);
    setPlaced(null);
    setError(null);
    setIdempotencyKey(newIdempotencyKey());
  };

  if (elder.isPending) return <Spin />;
  if (elder.isError) return <Alert type="error" showIcon title={errorText(elder.error)} />;
  const e = elder.data;
  if (placed) {
    return (
      <Result
        status="success"
        data-testid="order-placed"
        data-order-id={placed.id}
        data-status={placed.status}
        title={t("place.placed", { orderNo: placed.orderNo })}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span>
              {placed.product.name} · {placed.providerName} · {slotText(placed.slotStart, placed.slotEnd)}
            </span>
            <span>
              <OrderStatusTag status={placed.status} />
              {placed.workerName && <span data-testid="order-placed-worker">{t("place.placedWorker", { name: placed.workerName })}</span>}
            </span>
          </Space>
        }
        extra={[
          <Link key="open" to={`/orders/${placed.id}`} data-testid="order-placed-link">
            <Button type="primary">{t("place.openOrder")}</Button>
          </Link>,
          <Button key="again" onClick={again} data-testid="order-again">
            {t("place.another")}
          </Button>,
        ]}
      />
    );
  }
  if (e.status !== "active") return <Alert type="warning" showIcon title={t("place.inactive")} />;

  const today = todayShanghai();
  const pastTime = (time: string) => !!values?.date && values.date.isSame(today, "day") && time <= dayjs().tz(TZ).format("HH:mm");
  const q = quoteIsCurrent ? quoted.quote : null;
  return (
    <div data-testid="order-panel">
      {showElder && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} data-testid="order-panel-elder">
          <Descriptions.Item label={t("place.elder")}>
            <Typography.Text strong>{e.name}</Typography.Text>（{enumLabel(t, "sex", e.sex)}，{t("calls.ageValue", { age: e.age })}）
          </Descriptions.Item>
          <Descriptions.Item label={t("fields.regionName")}>{e.regionName ?? e.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t("fields.abilityLevel")}>{abilityLabel(t, e.abilityLevel)}</Descriptions.Item>
          <Descriptions.Item label={t("place.address")} span={3}>
            {e.address}
          </Descriptions.Item>
        </Descriptions>
      )}
      {/* dispatch measures travel from the home and check-in is verified against it: without coordinates both are guesses */}
      {(e.lat === null || e.lng === null) && <Alert type="warning" showIcon title={t("place.noPosition")} style={{ marginBottom: 12 }} data-testid="order-panel-no-position" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="order-panel-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: today.add(1, "day") }}
        onValuesChange={(changed: Partial<Values>) => {
          setError(null);
          if ("category" in changed) form.setFieldValue("productId", undefined);
        }}
      >
        <Form.Item name="category" label={t("place.category")} rules={[{ required: true, message: t("form.required", { field: t("place.category") }) }]}>
          <Radio.Group
            optionType="button"
            data-testid="order-category"
            options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: <span data-testid={`order-category-${c}`}>{t(`category.${c}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item name="productId" label={t("place.product")} rules={[{ required: true, message: t("form.required", { field: t("place.product") }) }]}>
          <ProductPicker products={category ? (products.data?.items ?? []) : []} loading={products.isFetching} emptyText={category ? t("place.noProducts") : t("place.productHint")} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="date" label={t("place.slotDate")} rules={[{ required: true, message: t("form.required", { field: t("place.slotDate") }) }]}>
              <DatePicker
                allowClear={false}
                style={{ width: "100%" }}
                disabledDate={(d) => d.isBefore(today, "day") || d.isAfter(today.add(MAX_DAYS_AHEAD, "day"), "day")}
                data-testid="order-date"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="time" label={t("place.slotTime")} rules={[{ required: true, message: t("form.required", { field: t("place.slotTime") }) }]}>
              <Select options={TIMES.map((time) => ({ value: time, label: time, disabled: pastTime(time) }))} data-testid="order-time" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="notes" label={t("place.notes")} rules={[{ max: 500 }]}>
              <Input maxLength={500} placeholder={t("place.notesPlaceholder")} data-testid="order-notes" />
            </Form.Item>
          </Col>
        </Row>
        {quoted && !quoteIsCurrent && <Alert type="info" showIcon title={t("place.requote")} style={{ marginBottom: 12 }} />}
        {q && <QuoteView quote={q} />}
        {q && q.timebankMinutes !== null && <TimebankPay elderId={elderId} needMinutes={q.timebankMinutes} onChange={setPaidByHours} />}
        <Space>
          <Button type={quoteIsCurrent ? "default" : "primary"} loading={quote.isPending} onClick={() => void submit("quote")} data-testid="order-quote">
            {t("place.quote")}
          </Button>
          <Button type="primary" disabled={!quoteIsCurrent} loading={place.isPending} onClick={() => void submit("place")} data-testid="order-place">
            {t("place.place")}
          </Button>
        </Space>
      </Form>
    </div>
  );
}

/** 报价: the price that applies, and how it splits over the wallet and the elder's own part. */
function QuoteView({ quote: q }: { quote: Quote }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t("place.quoteTitle")} style={{ marginBottom: 16 }} data-testid="order-quote-result">
      <Descriptions.Item label={t("place.unitPrice")}>
        {unitPrice(t, q.unitPriceFen, q.unit)}
        {q.priceTier && <Typography.Text type="success">（{q.priceTier}）</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={t("place.units")}>
        {q.units} {enumLabel(t, "priceUnit", q.unit)}
      </Descriptions.Item>
      <Descriptions.Item label={t("place.slot")}>{slotText(q.slotStart, q.slotEnd)}</Descriptions.Item>
      <Descriptions.Item label={t("place.price")}>
        <span data-testid="order-quote-price">{yuan(q.priceFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("place.minutesFen")}>
        <span data-testid="order-quote-minutes">{q.walletMinutes ? t("order.minutesUsed", { amount: yuan(q.minutesFen), minutes: q.walletMinutes }) : yuan(q.minutesFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("place.walletFen")}>
        <span data-testid="order-quote-wallet">{yuan(q.walletFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("place.copay")}>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="order-quote-copay">
          {yuan(q.copayFen)}
        </Typography.Text>
      </Descriptions.Item>
      {q.timebankMinutes !== null && (
        <Descriptions.Item label={t("timebank.orders.quoteHours")}>
          <span data-testid="order-quote-timebank">{t("timebank.orders.quoteHoursValue", { hours: hoursText(q.timebankMinutes) })}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t("place.balance")}>{t("place.balanceValue", { amount: yuan(q.walletBalanceFen), hours: hoursText(q.walletBalanceMinutes) })}</Descriptions.Item>
      {q.overtimeNote && (
        <Descriptions.Item label={t("product.unit")} span={2}>
          {q.overtimeNote}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
