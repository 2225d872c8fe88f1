import { Descriptions, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ElderDetail } from "../../api/types.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";
import { formatDateTime } from "../../lib/time.ts";
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
      <Descriptions.Item label={t("fields.abilityLevel")}>{abilityLabel(t, e.abilityLevel)}</Descriptions.Item>
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
