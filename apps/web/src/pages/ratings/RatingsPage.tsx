import type { EvaluationStatus } from "@carecircle/shared";
import { EVALUATION_STATUSES } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Evaluation, RoundRow } from "../../api/ratings.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import { OpenRoundModal } from "./OpenRoundModal.tsx";
import { StarsText } from "./StarsText.tsx";

const STATUS_COLOR: Record<EvaluationStatus, string> = { assigned: "default", submitted: "blue", appealed: "orange", confirmed: "green" };

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`ratings.status.${status}`)}</Tag>;
}

/** The bureau's rounds, with progress, and the button that opens one. */
function RoundsCard() {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const rounds = useQuery({ queryKey: ["evaluation-rounds"], queryFn: () => api<{ items: RoundRow[] }>("/evaluation-rounds") });
  return (
    <Card
      title={t("ratings.rounds")}
      style={{ marginBottom: 16 }}
      data-testid="rounds-card"
      extra={
        <Button type="primary" onClick={() => setOpening(true)} data-testid="round-open">
          {t("ratings.openRound")}
        </Button>
      }
    >
      {rounds.isError && <Alert type="error" showIcon title={errorText(rounds.error)} />}
      <Table<RoundRow>
        rowKey="id"
        size="small"
        loading={rounds.isFetching}
        dataSource={rounds.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t("ratings.noRounds") }}
        columns={[
          { title: t("ratings.roundName"), dataIndex: "name", render: (v: string, r) => <Link to={`/ratings?roundId=${r.id}`}>{v}</Link> },
          { title: t("ratings.scheme"), dataIndex: "schemeName" },
          { title: t("ratings.recheck"), dataIndex: "recheck", width: 90, render: (v: boolean) => (v ? <Tag color="purple">{t("ratings.recheck")}</Tag> : t("common.none")) },
          { title: t("ratings.appealDays"), dataIndex: "appealDays", width: 120 },
          {
            title: t("ratings.progress"),
            dataIndex: "byStatus",
            render: (v: RoundRow["byStatus"]) => (
              <Space size={4} wrap>
                {EVALUATION_STATUSES.filter((s) => v[s]).map((s) => (
                  <Tag key={s} color={STATUS_COLOR[s]}>
                    {t(`ratings.status.${s}`)} {v[s]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t("ratings.filterStatus"), dataIndex: "status", width: 90, render: (v: RoundRow["status"]) => t(`ratings.roundStatus.${v}`) },
          { title: t("ratings.createdAt"), dataIndex: "createdAt", width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
      <OpenRoundModal open={opening} onClose={() => setOpening(false)} />
    </Card>
  );
}

/**
 * /ratings — 星级评定: the bureau sees its rounds and every evaluation of its region (appeals to answer, results to
 * confirm); an assessor the evaluations assigned to them; a provider admin its facilities' handed-in results.
 */
export function RatingsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const status = EVALUATION_STATUSES.find((s) => s === params.get("status"));
  const roundId = params.get("roundId") ?? undefined;
  const bureau = can(me, "supervision:manage");
  const evaluations = useQuery({
    queryKey: ["evaluations", status ?? "all", roundId ?? "all"],
    queryFn: () => api<{ items: Evaluation[] }>("/evaluations", { query: { status, roundId, limit: 500 } }),
  });
  return (
    <div data-testid="ratings-page">
      {bureau && <RoundsCard />}
      <Card
        title={t("ratings.evaluations")}
        extra={
          <Select<EvaluationStatus>
            allowClear
            style={{ width: 160 }}
            value={status}
            placeholder={t("common.all")}
            prefix={`${t("ratings.filterStatus")}：`}
            onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
            options={EVALUATION_STATUSES.map((s) => ({ value: s, label: t(`ratings.status.${s}`) }))}
            data-testid="evaluation-filter"
          />
        }
      >
        {evaluations.isError && <Alert type="error" showIcon title={errorText(evaluations.error)} style={{ marginBottom: 16 }} />}
        <Table<Evaluation>
          rowKey="id"
          size="middle"
          data-testid="evaluation-table"
          loading={evaluations.isFetching}
          dataSource={evaluations.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t("ratings.empty") }}
          onRow={(e) => ({ "data-testid": "evaluation-row", "data-evaluation-id": e.id, "data-status": e.status, "data-facility": e.facilityName }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("ratings.facility"), dataIndex: "facilityName", render: (v: string, e) => <Link to={`/ratings/evaluations/${e.id}`}>{v}</Link> },
            { title: t("ratings.round"), dataIndex: "roundName", render: (v: string, e) => (e.recheck ? <Space size={4}>{v}<Tag color="purple">{t("ratings.recheck")}</Tag></Space> : v) },
            { title: t("ratings.filterStatus"), dataIndex: "status", width: 100, render: (v: EvaluationStatus) => <EvaluationStatusTag status={v} /> },
            { title: t("ratings.score"), dataIndex: "score", width: 90, render: (v: number | null) => (v === null ? t("common.none") : v.toFixed(2)) },
            { title: t("ratings.stars"), dataIndex: "stars", width: 200, render: (v: number | null, e) => <StarsText stars={v} unqualified={e.unqualified} /> },
            { title: t("ratings.submittedAt"), dataIndex: "submittedAt", width: 170, render: (v: string | null) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              width: 110,
              render: (_: unknown, e) => {
                const scoring = e.status === "assigned" && !!me && e.assessorId === me.id;
                return (
                  <Link to={`/ratings/evaluations/${e.id}`} data-testid={scoring ? "evaluation-score" : "evaluation-view"}>
                    {scoring ? t("ratings.scoreIt") : bureau && (e.status === "submitted" || e.status === "appealed") ? t("ratings.result.confirm") : t("ratings.view")}
                  </Link>
                );
              },
            },
          ]}
        />
      </Card>
    </div>
  );
}
