import { SearchOutlined } from "@ant-design/icons";
import { ELDER_STATUSES } from "@carecircle/shared";
import { Button, Col, Form, Input, Row, Select, Space } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { abilityOptions, economicOptions, enumOptions, livingOptions } from "../../lib/labels.ts";
import { AGE_BANDS, type AgeBand, type ElderFilterValues } from "./filters.ts";

interface Props {
  value: ElderFilterValues;
  onChange: (v: ElderFilterValues) => void;
}

const CLEARED: ElderFilterValues = { status: "active", q: undefined, region: undefined, ageBand: undefined, livingSituation: undefined, economicStatus: undefined, abilityLevel: undefined, tag: undefined };
const item = { style: { marginBottom: 12 } };

/** The filter bar of the elder list: two compact rows; submitting (or Enter in a text box) applies it. */
export function ElderFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ElderFilterValues>();
  useEffect(() => form.setFieldsValue({ ...CLEARED, ...value }), [form, value]);
  const apply = () => onChange(form.getFieldsValue());
  const labelled = (key: string) => ({ placeholder: t(key), "aria-label": t(key) });

  return (
    <Form<ElderFilterValues>
      form={form}
      onFinish={apply}
      // choices apply at once; typed text (search, tag) applies on Enter or 查询
      onValuesChange={(changed: Partial<ElderFilterValues>) => {
        if (Object.entries(changed).some(([k, v]) => (k !== "q" && k !== "tag") || !v)) apply();
      }} initialValues={value} data-testid="elder-filters" style={{ marginBottom: 4 }}>
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <Form.Item name="q" {...item}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("elders.qPlaceholder")}
              aria-label={t("elders.q")}
              data-testid="elder-search"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="region" {...item}>
            <RegionTreeSelect placeholder={t("elders.region")} data-testid="filter-region" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="ageBand" {...item}>
            <Select<AgeBand>
              allowClear
              {...labelled("elders.ageBand")}
              data-testid="filter-age"
              options={(Object.keys(AGE_BANDS) as AgeBand[]).map((b) => ({ value: b, label: t(`elders.ageBands.${b}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item name="status" {...item}>
            <Select
              aria-label={t("fields.status")}
              prefix={`${t("fields.status")}：`}
              data-testid="filter-status"
              options={enumOptions(t, "elderStatus", [...ELDER_STATUSES, "all"] as const)}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item name="livingSituation" {...item}>
            <Select allowClear {...labelled("fields.livingSituation")} data-testid="filter-living" options={livingOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item name="economicStatus" {...item}>
            <Select allowClear {...labelled("fields.economicStatus")} data-testid="filter-economic" options={economicOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={5}>
          <Form.Item name="abilityLevel" {...item}>
            <Select allowClear {...labelled("fields.abilityLevel")} data-testid="filter-ability" options={abilityOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="tag" {...item}>
            <Input allowClear {...labelled("elders.tag")} data-testid="filter-tag" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-submit">
              {t("common.search")}
            </Button>
            <Button
              data-testid="filter-reset"
              onClick={() => {
                form.setFieldsValue(CLEARED);
                onChange({ status: "active" });
              }}
            >
              {t("common.reset")}
            </Button>
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
