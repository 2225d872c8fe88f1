import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, Button, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { AuditEvent, Page } from "../../api/types.ts";
import { actionLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import { changesOf, detailFacts, fieldLabel, valueText } from "./changeText.ts";

/** 变更记录: the record's audit events, newest first, with field-by-field changes. */
export function HistoryTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const history = useInfiniteQuery({
    queryKey: ["elders", "history", elderId],
    queryFn: ({ pageParam }) => api<Page<AuditEvent>>(`/elders/${elderId}/history`, { query: { limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      {history.isError && <Alert type="error" showIcon title={errorText(history.error)} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        data-testid="history-table"
        loading={history.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t("history.empty") }}
        columns={[
          { title: t("history.at"), dataIndex: "at", width: 170, render: (v: string) => formatDateTime(v) },
          { title: t("history.actor"), dataIndex: "actorUsername", width: 120, render: (v: string | null) => v ?? t("common.none") },
          { title: t("history.action"), dataIndex: "action", width: 140, render: (v: string) => actionLabel(t, v) },
          {
            title: t("history.changes"),
            key: "changes",
            render: (_: unknown, ev) => (
              <>
                {changesOf(ev.detail).map((c) => (
                  <div key={c.field} data-testid="history-change">
                    <Typography.Text strong>{fieldLabel(t, c.field)}</Typography.Text>：
                    <Typography.Text delete type="secondary">
                      {valueText(t, c.field, c.from)}
                    </Typography.Text>{" "}
                    → {valueText(t, c.field, c.to)}
                  </div>
                ))}
                {detailFacts(t, ev.detail).length > 0 && <Typography.Text type="secondary">{detailFacts(t, ev.detail).join("；")}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
      {history.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()} data-testid="history-more">
          {t("history.more")}
        </Button>
      )}
    </>
  );
}
