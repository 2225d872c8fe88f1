import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api, download } from "../../api/client.ts";
import type { ElderListItem, Page } from "../../api/types.ts";
import { abilityLabel, enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { ElderFilters } from "./ElderFilters.tsx";
import { type ElderFilterValues, filtersFromParams, filtersToParams, filtersToQuery } from "./filters.ts";
import { StatusTag } from "./StatusTag.tsx";

const PAGE_SIZE = 20;

export function ElderListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const filterKey = params.toString();
  // cursors[i] opens page i + 1; a new filter starts again at page 1
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const [full, setFull] = useState(false);
  const [exporting, setExporting] = useState(false);

  const list = useQuery({
    queryKey: ["elders", "list", filterKey, cursor ?? null],
    queryFn: () => api<Page<ElderListItem>>("/elders", { query: { ...filtersToQuery(filters), limit: PAGE_SIZE, cursor } }),
    placeholderData: keepPreviousData,
  });

  // the server counts on the first page only: keep that figure while paging
  const [total, setTotal] = useState<{ key: string; value: number } | null>(null);
  useEffect(() => {
    const v = list.data?.total;
    if (typeof v === "number" && !list.isPlaceholderData) setTotal({ key: filterKey, value: v });
  }, [list.data, list.isPlaceholderData, filterKey]);
  const shownTotal = total?.key === filterKey ? total.value : null;

  const applyFilters = (v: ElderFilterValues) => setParams(filtersToParams(v), { replace: true });
  const next = () => list.data?.nextCursor && setPaging({ key: filterKey, cursors: [...cursors, list.data.nextCursor] });
  const prev = () => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) });

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download("/elders/export", { ...filtersToQuery(filters), full: full ? "true" : undefined }, "elders.xlsx");
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<ElderListItem> = [
    { title: t("fields.name"), dataIndex: "name", width: 96, fixed: "left", render: (v: string) => <Typography.Link>{v}</Typography.Link> },
    { title: t("fields.sex"), dataIndex: "sex", width: 64, render: (v: string) => enumLabel(t, "sex", v) },
    { title: t("fields.age"), dataIndex: "age", width: 56 },
    { title: t("fields.idNumber"), dataIndex: "idNumber", width: 176, render: (v: string) => <span className="mono">{v}</span> },
    { title: t("fields.phone"), dataIndex: "phone", width: 120, render: (v: string) => <span className="mono">{v}</span> },
    { title: t("fields.regionName"), dataIndex: "regionName", width: 150, render: (v: string | null, r) => v ?? r.regionCode },
    { title: t("fields.livingSituation"), dataIndex: "livingSituation", width: 104, render: (v: string) => enumLabel(t, "livingSituation", v) },
    { title: t("fields.economicStatus"), dataIndex: "economicStatus", width: 104, render: (v: string) => enumLabel(t, "economicStatus", v) },
    { title: t("fields.abilityLevel"), dataIndex: "abilityLevel", width: 112, render: (v: number | null) => abilityLabel(t, v) },
    { title: t("fields.tags"), dataIndex: "tags", width: 150, render: (tags: string[]) => (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
          {tags.map((tag) => (
            <Tag key={tag} style={{ marginInlineEnd: 0 }}>
              {tag}
            </Tag>
          ))}
        </div>
      ),
    },
    { title: t("fields.status"), dataIndex: "status", width: 84, fixed: "right", render: (v: ElderListItem["status"]) => <StatusTag status={v} /> },
  ];

  const page = cursors.length;
  return (
    <Card
      title={t("elders.title")}
      extra={
        <Space wrap>
          {can(me, "elder:export") && (
            <>
              {can(me, "elder:reveal") && (
                <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)} data-testid="export-full">
                  {t("elders.exportFull")}
                </Checkbox>
              )}
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="elder-export">
                {t("elders.export")}
              </Button>
            </>
          )}
          {can(me, "elder:write") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/elders/new")} data-testid="elder-create">
              {t("elders.create")}
            </Button>
          )}
        </Space>
      }
    >
      <ElderFilters value={filters} onChange={applyFilters} />
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<ElderListItem>
        data-testid="elder-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 1216 }}
        locale={{ emptyText: t("elders.empty") }}
        onRow={(r) => ({ onClick: () => navigate(`/elders/${r.id}`), style: { cursor: "pointer" }, ...rowAttrs(r.id) })}
      />
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginTop: 16 }}>
        <Typography.Text type="secondary" data-testid="elder-total">
          {shownTotal !== null ? t("common.total", { count: shownTotal }) : ""}
        </Typography.Text>
        <Space>
          <Typography.Text type="secondary">{t("common.page", { page })}</Typography.Text>
          <Button disabled={page <= 1} onClick={prev} data-testid="elder-prev">
            {t("common.prev")}
          </Button>
          <Button disabled={!list.data?.nextCursor || list.isPlaceholderData} onClick={next} data-testid="elder-next">
            {t("common.next")}
          </Button>
        </Space>
      </div>
    </Card>
  );
}

/** Test hooks on each table row. */
function rowAttrs(id: string): Record<string, string> {
  return { "data-testid": "elder-row", "data-elder-id": id };
}
