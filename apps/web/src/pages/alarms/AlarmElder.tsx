import { EnvironmentOutlined } from "@ant-design/icons";
import { Alert, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { useElder } from "../../api/elders.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { type Revealed, RevealButton } from "../elder-detail/RevealButton.tsx";
import { AlarmContacts, TelLink } from "./AlarmContacts.tsx";

/**
 * An AMap marker link (https://uri.amap.com/marker). The elder's record is in GCJ-02, AMap's own datum; a device's
 * GPS fix is WGS-84 unless it says otherwise, and AMap converts it when told `coordinate=wgs84`.
 */
export function amapLink(lng: number, lat: number, datum: "gcj02" | "wgs84" = "gcj02"): string {
  return `https://uri.amap.com/marker?position=${lng},${lat}${datum === "wgs84" ? "&coordinate=wgs84" : ""}`;
}

function List({ items, testId }: { items: string[]; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Typography.Text type="secondary">{t("alarms.noneRecorded")}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {items.map((x) => (
        <Tag key={x} style={{ marginInlineEnd: 0 }}>
          {x}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * What the operator needs about the elder while handling an alarm: where she lives (with a map), her phone, her
 * chronic diseases, allergies and medications, and whom to call in the family.
 */
export function AlarmElder({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const elder = useElder(elderId);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  if (elder.isPending) return <Skeleton active />;
  if (elder.isError) return <Alert type="error" showIcon title={errorText(elder.error)} />;
  const e = elder.data;
  return (
    <div data-testid="alarm-elder" data-elder-id={e.id}>
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: "nowrap", width: 96 } }}>
        <Descriptions.Item label={t("alarms.elder")}>
          <Space wrap>
            <Link to={`/elders/${e.id}`} data-testid="alarm-elder-name">
              <Typography.Text strong style={{ fontSize: 16 }}>
                {e.name}
              </Typography.Text>
            </Link>
            <span>
              {t(`sex.${e.sex}`)} · {t("alarms.age", { age: e.age })}
            </span>
            <Tag>{enumLabel(t, "livingSituation", e.livingSituation)}</Tag>
            {e.abilityLevel !== null && <Tag>{abilityLabel(t, e.abilityLevel)}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.address")}>
          <div>{e.address}</div>
          {e.lat !== null && e.lng !== null ? (
            <a href={amapLink(e.lng, e.lat)} target="_blank" rel="noreferrer" data-testid="alarm-elder-map">
              <EnvironmentOutlined /> {t("alarms.openMap")}
            </a>
          ) : (
            <Typography.Text type="warning">{t("alarms.noPosition")}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.phone")}>
          <Space wrap>
            {revealed?.phone ? (
              <TelLink phone={revealed.phone} testId="alarm-elder-phone" />
            ) : (
              <span className="mono" data-testid="alarm-elder-phone">
                {e.phone}
              </span>
            )}
            {can(me, "elder:reveal") && (
              <RevealButton elderId={e.id} fields={["phone"]} label={t("alarms.revealPhone")} revealed={!!revealed} onRevealed={setRevealed} />
            )}
          </Space>
          {revealed && (
            <div>
              <Typography.Text type="secondary">{t("alarms.revealNote")}</Typography.Text>
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.chronicDiseases")}>
          <List items={e.health.chronicDiseases} testId="alarm-elder-diseases" />
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.allergies")}>
          <List items={e.health.allergies} testId="alarm-elder-allergies" />
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.medications")}>
          <List items={e.health.medications} testId="alarm-elder-medications" />
        </Descriptions.Item>
        {e.health.familyDoctor && (
          <Descriptions.Item label={t("alarms.familyDoctor")}>
            {e.health.familyDoctor.name}
            {e.health.familyDoctor.institution ? `（${e.health.familyDoctor.institution}）` : ""}
          </Descriptions.Item>
        )}
      </Descriptions>
      <AlarmContacts elderId={e.id} />
    </div>
  );
}
