import { Descriptions, Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { InboundCall } from "../../api/orders.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";

/** Who is calling: the matched elder's name, age, address, community, ability and living situation — or 未匹配到老人. */
export function CallElder({ call }: { call: InboundCall }) {
  const { t } = useTranslation();
  const e = call.elder;
  if (!e) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        data-testid="call-unmatched"
        description={
          <>
            <Typography.Text strong>{t("calls.unmatched")}</Typography.Text>
            <div className="mono">{call.from}</div>
          </>
        }
      />
    );
  }
  return (
    <Descriptions size="small" column={1} data-testid="call-elder" data-elder-id={e.id}>
      <Descriptions.Item label={t("calls.elder")}>
        <Link to={`/elders/${e.id}`} data-testid="call-elder-name">
          <Typography.Text strong style={{ fontSize: 16 }}>
            {e.name}
          </Typography.Text>
        </Link>
        {e.age !== null && <span style={{ marginInlineStart: 8 }}>{t("calls.ageValue", { age: e.age })}</span>}
      </Descriptions.Item>
      <Descriptions.Item label={t("fields.address")}>{e.address ?? t("common.none")}</Descriptions.Item>
      <Descriptions.Item label={t("fields.regionName")}>{e.regionName ?? t("common.none")}</Descriptions.Item>
      <Descriptions.Item label={t("fields.abilityLevel")}>{abilityLabel(t, e.abilityLevel)}</Descriptions.Item>
      <Descriptions.Item label={t("fields.livingSituation")}>{enumLabel(t, "livingSituation", e.livingSituation)}</Descriptions.Item>
      {call.matchedBy && <Descriptions.Item label={t("calls.matchedByLabel")}>{t(`calls.matchedBy.${call.matchedBy}`)}</Descriptions.Item>}
    </Descriptions>
  );
}
