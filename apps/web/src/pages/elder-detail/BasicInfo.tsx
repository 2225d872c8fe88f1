import { Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ElderDetail } from "../../api/types.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";
import { dayjs, formatDateTime, todayShanghai } from "../../lib/time.ts";
import { DueTag } from "../assessments/DueListPage.tsx";
import type { Revealed } from "./RevealButton.tsx";

function Tags({ values }: { values: string[] | undefined }) {
  const { t } = useTranslation();
  if (!values || values.length === 0) return <>{t("common.none")}</>;
  return (
    <>
      {values.map((v) => (
        <Tag key={v}>{v}</Tag>
      ))}
    </>
  );
}

/** Full values, once revealed, are shown in bold next to nothing else. */
function Sensitive({ masked, full, testId }: { masked: string; full: string | undefined; testId: string }) {
  return full ? (
    <Typography.Text strong copyable data-testid={testId}>
      {full}
    </Typography.Text>
  ) : (
    <span data-testid={testId}>{masked}</span>
  );
}

/** 复评到期: the due date of the next routine assessment, red when overdue, with a link to the last result. */
function AbilityDue({ dueAt, assessmentId }: { dueAt: string | null; assessmentId: string | null }) {
  const { t } = useTranslation();
  if (!dueAt) return <span data-testid="elder-ability-due">{t("common.none")}</span>;
  const daysLeft = dayjs(dueAt).diff(todayShanghai(), "day");
  const overdue = daysLeft < 0;
  return (
    <Space size={6} wrap data-testid="elder-ability-due" data-overdue={String(overdue)}>
      <Typography.Text type={overdue ? "danger" : undefined} strong={overdue} className="mono">
        {dueAt}
      </Typography.Text>
      <DueTag overdue={overdue} daysLeft={daysLeft} />
      {assessmentId && (
        <Link to={`/assessments/${assessmentId}`} data-testid="elder-ability-assessment">
          {t("assess.view")}
        </Link>
      )}
    </Space>
  );
}

export function BasicInfo({ elder: e, revealed }: { elder: ElderDetail; revealed: Revealed | null }) {
  const { t } = useTranslation();
  const none = t("common.none");
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="elder-basic">
      <Descriptions.Item label={t("fields.name")}>{e.name}</Descriptions.Item>
      <Descriptions.Item label={t("fields.sex")}>{enumLabel(t, "sex", e.sex)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.birthDate")}>
        {t("fields.birthAge", { date: e.birthDate, age: e.age })}
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.idNumber")}>
        <Sensitive masked={e.idNumber} full={revealed?.idNumber} testId="elder-idNumber" />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.phone")}>
        <Sensitive masked={e.phone} full={revealed?.phone} testId="elder-phone" />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.regionName")}>{e.regionName ?? e.regionCode}</Descriptions.Item>
      <Descriptions.Item label={t("fields.address")} span={2}>
        {e.address}
      </Descriptions.Item>
      <Descriptions.Item label={`${t("fields.lat")} / ${t("fields.lng")}`}>
        {e.lat !== null && e.lng !== null ? `${e.lat}, ${e.lng}` : none}
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.hukouType")}>{enumLabel(t, "hukouType", e.hukouType)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.hukouAddress")} span={2}>
        {e.hukouAddress || none}
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.livingSituation")}>{enumLabel(t, "livingSituation", e.livingSituation)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.economicStatus")}>{enumLabel(t, "economicStatus", e.economicStatus)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.abilityLevel")}>
        <span data-testid="elder-ability-level" data-level={e.abilityLevel ?? ""}>
          {e.abilityAssessedAt
            ? t("fields.abilityWithDate", { level: abilityLabel(t, e.abilityLevel), date: e.abilityAssessedAt })
            : abilityLabel(t, e.abilityLevel)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.abilityDueAt")}>
        <AbilityDue dueAt={e.abilityDueAt ?? null} assessmentId={e.abilityAssessmentId ?? null} />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.disabilityKind")}>{enumLabel(t, "disabilityKind", e.disabilityKind)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.disabilityGrade")}>{enumLabel(t, "disabilityGrade", e.disabilityGrade)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.tags")}>
        <Tags values={e.tags} />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.notes")} span={3}>
        <span style={{ whiteSpace: "pre-wrap" }}>{e.notes || none}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.createdAt")}>{formatDateTime(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.updatedAt")}>{formatDateTime(e.updatedAt)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.version")}>{e.version}</Descriptions.Item>
    </Descriptions>
  );
}

export function HealthInfo({ elder: e }: { elder: ElderDetail }) {
  const { t } = useTranslation();
  const h = e.health;
  const doctor = h.familyDoctor;
  return (
    <Descriptions bordered size="small" column={1} data-testid="elder-health">
      <Descriptions.Item label={t("fields.chronicDiseases")}>
        <Tags values={h.chronicDiseases} />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.allergies")}>
        <Tags values={h.allergies} />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.medications")}>
        <Tags values={h.medications} />
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.familyDoctor")}>
        {doctor
          ? [doctor.name, doctor.institution, doctor.contractDate && `${t("fields.familyDoctorContractDate")} ${doctor.contractDate}`]
              .filter(Boolean)
              .join(" · ")
          : t("common.none")}
      </Descriptions.Item>
    </Descriptions>
  );
}
