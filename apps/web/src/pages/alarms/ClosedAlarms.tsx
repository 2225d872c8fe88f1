import { Button, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Alarm } from "../../api/alarms.ts";
import { enumLabel } from "../../lib/labels.ts";
import { dayjs, TZ } from "../../lib/time.ts";
import { DeviceTime } from "./AlarmCard.tsx";

const seconds = (v: number | null) => (v === null ? "—" : String(v));
const short = (iso: string) => dayjs(iso).tz(TZ).format("MM-DD HH:mm:ss");

interface Props {
  items: Alarm[];
  loading: boolean;
  /** The next page of older ones, while there is one. */
  more: { loading: boolean; load: () => void } | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Closed alarms, newest first, a page at a time (加载更多); a row opens the alarm with its steps. */
export function ClosedAlarms({ items, loading, more, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t("alarms.closedIntro")}</Typography.Paragraph>
      <Table<Alarm>
        rowKey="id"
        size="small"
        className="nowrap-table"
        scroll={{ x: "max-content" }}
        data-testid="alarm-closed-table"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t("alarms.closedEmpty") }}
        rowClassName={(a) => (a.id === selectedId ? "alarm-row-selected" : "")}
        onRow={(a) => ({ onClick: () => onSelect(a.id), style: { cursor: "pointer" }, "data-testid": "alarm-closed-row", "data-alarm-id": a.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("alarms.raisedAt"),
            dataIndex: "raisedAt",
            render: (v: string, a) => (
              <>
                <span className="mono">{short(v)}</span>
                <DeviceTime alarm={a} format={(iso) => dayjs(iso).tz(TZ).format(dayjs(iso).tz(TZ).isSame(dayjs(v).tz(TZ), "day") ? "HH:mm:ss" : "MM-DD HH:mm")} compact />
              </>
            ),
          },
          { title: t("alarms.type"), dataIndex: "type", render: (v: string) => enumLabel(t, "alarmType", v) },
          { title: t("alarms.elder"), dataIndex: "elderName", render: (v: string | null) => v ?? t("common.none") },
          {
            title: t("alarms.timings"),
            key: "timings",
            align: "right",
            render: (_: unknown, a) => (
              <span className="mono">
                {seconds(a.secondsToAcknowledge)} / {seconds(a.secondsToClose)}
              </span>
            ),
          },
          { title: t("alarms.outcome"), dataIndex: "outcome", render: (v: string | null) => enumLabel(t, "alarmOutcome", v) },
        ]}
      />
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid="alarm-closed-loaded">
          {items.length > 0 && t("alarms.closedLoaded", { count: items.length })}
        </Typography.Text>
        {more && (
          <Button loading={more.loading} onClick={more.load} data-testid="alarm-closed-more">
            {t("alarms.loadMore")}
          </Button>
        )}
      </div>
    </>
  );
}
