import { Alert, Card, Col, Descriptions, List, Row, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { type Planning, usePlanning } from "../../api/facilities.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { errorText } from "../../lib/problem.ts";

type Target = Planning["targets"][number];

const SHARE = new Set(["planning.nursingBedShare"]);
const fmt = (key: string, v: number | null) => (v === null ? null : SHARE.has(key) ? `${(v * 100).toFixed(1)}%` : Number.isInteger(v) ? String(v) : v.toFixed(2));

/** /planning — a region's planning targets (rules) against its actual figures; the streets and communities the network misses. */
export function PlanningPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get("region") ?? undefined;
  const plan = usePlanning(regionCode);
  const p = plan.data;
  const figure = (key: keyof Planning["figures"]) => <span data-testid={`planning-figure-${key}`}>{p?.figures[key] ?? t("common.none")}</span>;
  return (
    <Card
      title={p ? `${t("planning.title")} · ${p.regionName}` : t("planning.title")}
      data-testid="planning-page"
      extra={
        <RegionTreeSelect
          value={regionCode}
          placeholder={t("planning.region")}
          style={{ width: 220 }}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v) next.set("region", v);
            else next.delete("region");
            setParams(next, { replace: true });
          }}
          data-testid="planning-region"
        />
      }
      loading={plan.isPending}
    >
      {plan.isError && <Alert type="error" showIcon title={errorText(plan.error)} style={{ marginBottom: 16 }} />}
      {p && (
        <Space orientation="vertical" size="large" style={{ width: "100%" }}>
          <Table<Target>
            rowKey="key"
            size="middle"
            pagination={false}
            dataSource={p.targets}
            data-testid="planning-targets"
            onRow={(r) => ({ "data-testid": `planning-target-${r.key}`, "data-met": String(r.met) }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t("planning.indicator"), dataIndex: "key", render: (k: string) => t(`planning.keys.${k}`) },
              { title: t("planning.target"), dataIndex: "target", width: 140, render: (v: number, r) => `≥ ${fmt(r.key, v)}` },
              {
                title: t("planning.actual"),
                dataIndex: "actual",
                width: 160,
                render: (v: number | null, r) => (v === null ? <Typography.Text type="secondary">{r.unknown === "households" ? t("planning.householdsUnknown") : t("planning.unknown")}</Typography.Text> : fmt(r.key, v)),
              },
              {
                title: t("planning.met"),
                dataIndex: "met",
                width: 120,
                render: (m: boolean | null) => (m === null ? <Tag>{t("planning.unknown")}</Tag> : m ? <Tag color="green">{t("planning.met")}</Tag> : <Tag color="red">{t("planning.notMet")}</Tag>),
              },
            ]}
          />
          <Descriptions title={t("planning.figures")} size="small" bordered column={{ xs: 1, md: 3, xl: 5 }}>
            <Descriptions.Item label={t("planning.elders")}>{figure("elders")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.beds")}>{figure("beds")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.nursingBeds")}>{figure("nursingBeds")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.areaM2")}>{figure("areaM2")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.streets")}>{figure("streets")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.communities")}>{figure("communities")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.centers")}>{figure("centers")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.stations")}>{figure("stations")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.points")}>{figure("points")}</Descriptions.Item>
            <Descriptions.Item label={t("planning.institutions")}>{figure("institutions")}</Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <List
                size="small"
                bordered
                header={<Typography.Text strong>{`${t("planning.streetsWithoutCenter")}（${p.streetsWithoutCenter.length}）`}</Typography.Text>}
                dataSource={p.streetsWithoutCenter}
                locale={{ emptyText: t("planning.none") }}
                data-testid="planning-streets-without-center"
                renderItem={(s) => <List.Item>{s.name}</List.Item>}
              />
            </Col>
            <Col xs={24} md={14}>
              <List
                size="small"
                bordered
                header={<Typography.Text strong>{`${t("planning.communitiesWithoutStation")}（${p.communitiesWithoutStation.length}）`}</Typography.Text>}
                dataSource={p.communitiesWithoutStation}
                locale={{ emptyText: t("planning.none") }}
                data-testid="planning-communities-without-station"
                renderItem={(c) => (
                  <List.Item data-testid="planning-community-gap" data-code={c.code}>
                    <Space>
                      {c.name}
                      {c.village && <Tag>{t("planning.village")}</Tag>}
                      <Typography.Text type="secondary">{c.streetName}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Col>
          </Row>
        </Space>
      )}
    </Card>
  );
}
