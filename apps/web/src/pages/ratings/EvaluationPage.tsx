import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Skeleton, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api/client.ts";
import type { Evaluation } from "../../api/ratings.ts";
import { errorText } from "../../lib/problem.ts";
import { EvaluationStatusTag } from "./RatingsPage.tsx";
import { ResultView } from "./ResultView.tsx";
import { ScoringForm } from "./ScoringForm.tsx";

/** /ratings/evaluations/:id — the assessor scores here; afterwards everyone concerned sees the result and acts on it. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const q = useQuery({ queryKey: ["evaluation", id], queryFn: () => api<Evaluation>(`/evaluations/${id}`) });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  const e = q.data;
  const scoring = e.status === "assigned" && (e.myRoles ?? []).includes("assessor");
  return (
    <div data-testid="evaluation-page" data-status={e.status}>
      <Card style={{ marginBottom: 16 }} title={<Space>{e.facilityName}<EvaluationStatusTag status={e.status} />{e.recheck && <Tag color="purple">{t("ratings.recheck")}</Tag>}</Space>} extra={<Link to="/ratings">{t("common.back")}</Link>}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t("ratings.round")}>{e.roundName}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.scheme")}>{e.schemeName}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.address")}>{e.facilityAddress}</Descriptions.Item>
        </Descriptions>
      </Card>
      {scoring ? <ScoringForm evaluation={e} /> : e.status === "assigned" ? <Alert type="info" showIcon title={t("ratings.status.assigned")} /> : <ResultView evaluation={e} />}
    </div>
  );
}
