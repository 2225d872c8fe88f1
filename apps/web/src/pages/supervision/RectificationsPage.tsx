import { RECTIFICATION_STATUSES, type RectificationAction, type RectificationStatus } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Select, Space, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { api } from "../../api/client.ts";
import type { Rectification } from "../../api/supervision.ts";
import { errorText } from "../../lib/problem.ts";
import { ActionModal } from "./ActionModal.tsx";
import { RectificationTable } from "./RectificationTable.tsx";

/**
 * /supervision/rectifications — 整改: the tasks the user may see (the bureau's region, a provider's own), deadlines
 * coloured, and the steps open to them.
 */
export function RectificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = RECTIFICATION_STATUSES.find((s) => s === params.get("status"));
  const overdue = params.get("overdue") === "true";
  const [acting, setActing] = useState<{ task: Rectification; action: RectificationAction } | null>(null);
  const list = useQuery({
    queryKey: ["rectifications", status ?? "all", overdue],
    queryFn: () => api<{ items: Rectification[] }>("/rectifications", { query: { status, overdue: overdue ? "true" : undefined, limit: 500 } }),
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <Card
      title={t("supervision.rect.title")}
      data-testid="rectifications-page"
      extra={
        <Space>
          <Select<RectificationStatus>
            allowClear
            style={{ width: 160 }}
            value={status}
            placeholder={t("common.all")}
            prefix={`${t("supervision.rect.status")}：`}
            onChange={(v) => set("status", v)}
            options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
          />
          <Space size={4}>
            <Switch checked={overdue} onChange={(v) => set("overdue", v ? "true" : undefined)} data-testid="rect-overdue-only" />
            {t("supervision.rect.onlyOverdue")}
          </Space>
        </Space>
      }
    >
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <RectificationTable items={list.data?.items ?? []} loading={list.isFetching} onAction={(task, action) => setActing({ task, action })} />
      <ActionModal task={acting?.task ?? null} action={acting?.action ?? null} onClose={() => setActing(null)} />
    </Card>
  );
}
