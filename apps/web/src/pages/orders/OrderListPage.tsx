import { ORDER_STATUSES } from "@carecircle/shared";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Col, DatePicker, Row, Select, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Order } from "../../api/orders.ts";
import type { Page } from "../../api/types.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { enumOptions } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs } from "../../lib/time.ts";
import { type OrderFilterValues, filtersFromParams, filtersToParams, filtersToQuery } from "./filters.ts";
import { OrderTable } from "./OrderTable.tsx";

const PAGE_SIZE = 30;

/** /orders — the orders the user may see, filtered, newest first, 加载更多 for the next page; `?flagged=true` is 服务异常. */
export function OrderListPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const filterKey = params.toString();
  const set = (change: Partial<OrderFilterValues>) => setParams(filtersToParams({ ...filters, ...change }), { replace: true });

  const list = useInfiniteQuery({
    queryKey: ["orders", "list", filterKey],
    queryFn: ({ pageParam }) => api<Page<Order>>("/service-orders", { query: { ...filtersToQuery(filters), limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const flaggedPreset = filters.flagged && !filters.status.length && !filters.day && !filters.region;

  return (
    <Card title={filters.flagged ? t("order.flaggedTitle") : t("order.title")} data-testid="orders-page" data-flagged={String(filters.flagged)}>
      {flaggedPreset && <Alert type="warning" showIcon title={t("order.flaggedIntro")} style={{ marginBottom: 16 }} />}
      <Row gutter={12} data-testid="order-filters" style={{ marginBottom: 4 }}>
        <Col xs={24} md={12} xl={8} style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: "100%" }}
            value={filters.status}
            placeholder={t("order.filterStatus")}
            aria-label={t("order.filterStatus")}
            onChange={(status) => set({ status })}
            options={enumOptions(t, "orderStatus", ORDER_STATUSES)}
            data-testid="order-filter-status"
          />
        </Col>
        <Col xs={12} md={6} xl={4} style={{ marginBottom: 12 }}>
          <DatePicker
            style={{ width: "100%" }}
            value={filters.day ? dayjs(filters.day) : null}
            placeholder={t("order.filterDay")}
            aria-label={t("order.filterDay")}
            onChange={(d) => set({ day: d ? d.format("YYYY-MM-DD") : undefined })}
            data-testid="order-filter-day"
          />
        </Col>
        {can(me, "order:read") && (
          <Col xs={12} md={6} xl={5} style={{ marginBottom: 12 }}>
            <RegionTreeSelect value={filters.region} onChange={(region) => set({ region })} placeholder={t("order.filterRegion")} style={{ width: "100%" }} data-testid="order-filter-region" />
          </Col>
        )}
        <Col xs={24} md={12} xl={7} style={{ marginBottom: 12 }}>
          <Space>
            <Checkbox checked={filters.flagged} onChange={(e) => set({ flagged: e.target.checked })} data-testid="order-filter-flagged">
              {t("order.filterFlagged")}
            </Checkbox>
            <Button onClick={() => setParams(filters.flagged ? { flagged: "true" } : {}, { replace: true })} data-testid="order-filter-reset">
              {t("common.reset")}
            </Button>
          </Space>
        </Col>
      </Row>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <OrderTable items={items} loading={list.isFetching && !list.isFetchingNextPage} emptyText={t("order.empty")} />
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginTop: 16 }}>
        <Typography.Text type="secondary" data-testid="order-loaded">
          {t("order.loaded", { count: items.length })}
        </Typography.Text>
        {list.hasNextPage && (
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="order-more">
            {t("order.more")}
          </Button>
        )}
      </div>
    </Card>
  );
}
