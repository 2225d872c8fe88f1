import { Alert, Button, Card, Col, Result, Row, Space, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { useOrder } from "../../api/orders.ts";
import { errorText } from "../../lib/problem.ts";
import { OrderActions } from "./OrderActions.tsx";
import { OrderInfo, OrderMoney, ServiceRecord } from "./OrderFacts.tsx";
import { FlagTags, OrderStatusTag } from "./OrderTags.tsx";
import { OrderTimeline } from "./OrderTimeline.tsx";

/** /orders/:id — one order: facts, money, flags, the timeline, and a button for each action open to the user. */
export function OrderDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const order = useOrder(id);
  // back to where the order was opened from (a list, a call, a statement), or to the list when opened directly
  const back = () => (location.key === "default" ? navigate("/orders") : navigate(-1));

  if (order.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (order.isError) {
    return <Result status="warning" title={errorText(order.error) || t("order.notFound")} extra={<Link to="/orders">{t("common.back")}</Link>} data-testid="order-detail-error" />;
  }
  const o = order.data;
  return (
    <Card
      data-testid="order-detail"
      data-order-id={o.id}
      data-status={o.status}
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {o.product.name}
          </Typography.Title>
          <Typography.Text type="secondary" className="mono" data-testid="order-no">
            {o.orderNo}
          </Typography.Text>
          <OrderStatusTag status={o.status} />
        </Space>
      }
      extra={
        <Space wrap>
          <Button onClick={back}>{t("common.back")}</Button>
          <OrderActions order={o} />
        </Space>
      }
    >
      {o.flags.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="order-flags"
          title={t("order.flagsBanner")}
          description={
            <>
              <FlagTags flags={o.flags} />
              <div style={{ marginTop: 4 }}>{o.flags.map((f) => f.text).join(t("order.event.sep"))}</div>
            </>
          }
        />
      )}
      <Row gutter={24}>
        <Col xs={24} xl={16}>
          <OrderInfo order={o} />
          <ServiceRecord order={o} />
          <OrderMoney order={o} />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t("order.timeline")}
          </Typography.Title>
          <OrderTimeline events={o.events} />
        </Col>
      </Row>
    </Card>
  );
}
