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

/** The filter bar of the elder list; submitting (or pressing Enter in the search box) applies it. */
export function ElderFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ElderFilterValues>();
  useEffect(() => form.setFieldsValue({ q: undefined, region: undefined, ageBand: undefined, livingSituation: undefined, economicStatus: undefined, abilityLevel: undefined, tag: undefined, ...value }), [form, value]);

  const span = { xs: 24, sm: 12, lg: 8, xl: 6 };
  const apply = () => onChange(form.getFieldsValue());
  return (
    <Form<ElderFilterValues> form={form} layout="vertical" onFinish={apply} initialValues={value} data-testid="elder-filters">
      <Row gutter={16}>
        <Col xs={24} lg={16} xl={12}>
          <Form.Item name="q" label={t("elders.q")}>
            <Input.Search allowClear placeholder={t("elders.qPlaceholder")} onSearch={apply} enterButton data-testid="elder-search" />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="region" label={t("elders.region")}>
            <RegionTreeSelect placeholder={t("elders.regionPlaceholder")} data-testid="filter-region" />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="ageBand" label={t("elders.ageBand")}>
            <Select<AgeBand>
              allowClear
              data-testid="filter-age"
              options={(Object.keys(AGE_BANDS) as AgeBand[]).map((b) => ({ value: b, label: t(`elders.ageBands.${b}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="livingSituation" label={t("fields.livingSituation")}>
            <Select allowClear data-testid="filter-living" options={livingOptions(t)} />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="economicStatus" label={t("fields.economicStatus")}>
            <Select allowClear data-testid="filter-economic" options={economicOptions(t)} />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="abilityLevel" label={t("fields.abilityLevel")}>
            <Select allowClear data-testid="filter-ability" options={abilityOptions(t)} />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="tag" label={t("elders.tag")}>
            <Input allowClear data-testid="filter-tag" onPressEnter={apply} />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item name="status" label={t("fields.status")}>
            <Select data-testid="filter-status" options={enumOptions(t, "elderStatus", [...ELDER_STATUSES, "all"] as const)} />
          </Form.Item>
        </Col>
        <Col {...span}>
          <Form.Item label=" ">
            <Space>
              <Button type="primary" htmlType="submit" data-testid="filter-submit">
                {t("common.search")}
              </Button>
              <Button
                data-testid="filter-reset"
                onClick={() => {
                  form.resetFields();
                  onChange({ status: "active" });
                }}
              >
                {t("common.reset")}
              </Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
