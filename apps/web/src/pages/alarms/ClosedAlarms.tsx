import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Alarm } from "../../api/alarms.ts";
import { enumLabel } from "../../lib/labels.ts";
import { dayjs, TZ } from "../../lib/time.ts";

const seconds = (v: number | null) => (v === null ? "—" : String(v));

/** The latest closed alarms (the server answers 200 at most); a row opens the alarm with its steps. */
export function ClosedAlarms({ items, loading, selectedId, onSelect }: { items: Alarm[]; loading: boolean; selectedId: string | null; onSelect: (id: string) => void }) {
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
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t("alarms.closedEmpty") }}
        rowClassName={(a) => (a.id === selectedId ? "alarm-row-selected" : "")}
        onRow={(a) => ({ onClick: () => onSelect(a.id), style: { cursor: "pointer" }, "data-testid": "alarm-closed-row", "data-alarm-id": a.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("alarms.raisedAt"), dataIndex: "raisedAt", render: (v: string) => <span className="mono">{dayjs(v).tz(TZ).format("MM-DD HH:mm:ss")}</span> },
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
    </>
  );
}
