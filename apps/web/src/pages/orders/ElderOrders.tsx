import { ShoppingCartOutlined } from "@ant-design/icons";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Order } from "../../api/orders.ts";
import type { ElderDetail, Page } from "../../api/types.ts";
import { errorText } from "../../lib/problem.ts";
import { OrderPanel } from "./OrderPanel.tsx";
import { OrderTable } from "./OrderTable.tsx";

/** 为老人下单 on the elder's record: the hotline's order panel in a drawer. */
export function ElderOrderButton({ elder }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ShoppingCartOutlined />} onClick={() => setOpen(true)} data-testid="elder-order-button">
        {t("place.button")}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} size={900} title={t("place.drawerTitle", { name: elder.name })} destroyOnHidden data-testid="order-drawer">
        <OrderPanel elderId={elder.id} />
      </Drawer>
    </>
  );
}

/** Elder detail → 服务订单: the elder's orders, newest first. */
export function ElderOrdersTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ["orders", "list", `elder=${elderId}`],
    queryFn: ({ pageParam }) => api<Page<Order>>("/service-orders", { query: { elderId, limit: 20, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <>
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <OrderTable items={list.data?.pages.flatMap((p) => p.items) ?? []} loading={list.isPending} showElder={false} emptyText={t("order.empty")} />
      {list.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="order-more">
          {t("order.more")}
        </Button>
      )}
    </>
  );
}
