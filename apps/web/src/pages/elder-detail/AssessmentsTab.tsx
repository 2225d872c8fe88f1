import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { type Assessment, useElderAssessments, useScales } from "../../api/assessments.ts";
import { errorText } from "../../lib/problem.ts";
import { PrintButton } from "../assessments/AssessmentView.tsx";
import { AssessmentStatusTag, LevelTag, scaleLabel } from "../assessments/parts.tsx";

/** 能力评估: the elder's assessments, newest first, with links to view, continue a draft or print. */
export function AssessmentsTab({ elderId, writable }: { elderId: string; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const navigate = useNavigate();
  const list = useElderAssessments(elderId);
  const scales = useScales();
  const scaleOf = (code: string) => scales.data?.find((s) => s.code === code);

  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => navigate(`/assessments/new?elderId=${elderId}`)} data-testid="assessment-create">
          {t("assess.create")}
        </Button>
      )}
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<Assessment>
        rowKey="id"
        size="small"
        data-testid="assessment-table"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t("assess.empty") }}
        onRow={(r): Record<string, string> => ({ "data-testid": "assessment-row", "data-assessment-id": r.id, "data-status": r.status })}
        columns={[
          { title: t("assess.assessedAt"), dataIndex: "assessedAt", width: 104, render: (v: string) => <span className="mono">{v}</span> },
          {
            title: t("assess.scale"),
            dataIndex: "scale",
            width: 136,
            render: (v: string) => (
              <Tooltip title={scaleLabel(scales.data, v, english)}>
                <span>{v}</span>
              </Tooltip>
            ),
          },
          { title: t("assess.reason"), dataIndex: "reason", width: 90, render: (v: string, r) => t(`assessmentReason.${v}`, { defaultValue: r.reasonLabel }) },
          { title: t("assess.status"), dataIndex: "status", width: 80, render: (_: unknown, r) => <AssessmentStatusTag status={r.status} /> },
          { title: t("assess.total"), dataIndex: "total", width: 60, render: (v: number | null) => <span className="mono">{v ?? t("common.none")}</span> },
          {
            title: t("assess.finalLevel"),
            key: "finalLevel",
            width: 110,
            render: (_: unknown, r) => <LevelTag level={r.finalLevel?.level} name={r.finalLevel?.name} scale={scaleOf(r.scale)} testId="assessment-row-level" />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, r) => (
              <Space size="small" wrap>
                <Link to={`/assessments/${r.id}`} data-testid={r.status === "draft" && writable ? "assessment-continue" : "assessment-open"}>
                  {r.status === "draft" && writable ? t("assess.continue") : t("assess.view")}
                </Link>
                <PrintButton id={r.id} link testId="assessment-row-print" />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
