import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Modal, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { Evaluation, SectionResult } from "../../api/ratings.ts";
import { yuanText } from "@carecircle/shared";
import { applyFieldErrors, errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { formatDateTime } from "../../lib/time.ts";
import { StarsText } from "./StarsText.tsx";

type Action = "appeal" | "confirm";

/** A handed-in result: score, stars, sections; the facility's appeal and the bureau's answer and confirmation. */
export function ResultView({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const roles = new Set(e.myRoles ?? []);
  const withinWindow = !!e.appealDeadline && Date.now() <= Date.parse(e.appealDeadline);
  const mayAppeal = roles.has("facility") && e.status === "submitted" && withinWindow;
  const mayConfirm = roles.has("bureau") && (e.status === "submitted" || e.status === "appealed");

  const act = useMutation({
    mutationFn: (v: { text?: string }) =>
      action === "appeal"
        ? api<Evaluation>(`/evaluations/${e.id}/appeal`, { method: "POST", body: { reason: v.text?.trim() } })
        : api<Evaluation>(`/evaluations/${e.id}/confirm`, { method: "POST", body: v.text?.trim() ? { answer: v.text.trim() } : {} }),
    onSuccess: async (next) => {
      void message.success(action === "appeal" ? t("ratings.result.appealed") : t("ratings.result.confirmed"));
      if (next.rectificationId) void message.warning(t("ratings.result.rectification"));
      setAction(null);
      queryClient.setQueryData(["evaluation", e.id], { ...next, myRoles: e.myRoles });
      await queryClient.invalidateQueries({ queryKey: ["evaluations"] });
      await queryClient.invalidateQueries({ queryKey: ["evaluation-rounds"] });
    },
    onError: (err) => {
      const rest = applyFieldErrors(form, err, []);
      setError(rest.length ? rest.join("；") : errorText(err));
    },
  });
  const open = (a: Action) => {
    setError(null);
    form.resetFields();
    setAction(a);
  };
  const reward = e.result?.reward;
  return (
    <Card
      title={t("ratings.result.title")}
      data-testid="evaluation-result"
      extra={
        <Space>
          {mayAppeal && (
            <Button onClick={() => open("appeal")} data-testid="evaluation-appeal">
              {t("ratings.result.appeal")}
            </Button>
          )}
          {mayConfirm && (
            <Button type="primary" onClick={() => open("confirm")} data-testid="evaluation-confirm">
              {t("ratings.result.confirm")}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
        <Descriptions.Item label={t("ratings.score")}>
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="result-score">
            {e.score === null ? t("common.none") : e.score.toFixed(2)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.stars")}>
          <span style={{ fontSize: 18 }}>
            <StarsText stars={e.stars} unqualified={e.unqualified} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.submittedAt")}>{formatDateTime(e.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.result.appealDeadline")}>{formatDateTime(e.appealDeadline)}</Descriptions.Item>
        {e.appealReason && (
          <Descriptions.Item label={t("ratings.result.appealReason")} span={2}>
            <span data-testid="result-appeal">{e.appealReason}</span>（{formatDateTime(e.appealedAt)}）
          </Descriptions.Item>
        )}
        {e.appealAnswer && (
          <Descriptions.Item label={t("ratings.result.appealAnswer")} span={2}>
            {e.appealAnswer}
          </Descriptions.Item>
        )}
        {e.confirmedAt && <Descriptions.Item label={t("ratings.confirmedAt")}>{formatDateTime(e.confirmedAt)}</Descriptions.Item>}
        {reward && (
          <Descriptions.Item label={t("ratings.result.reward")}>
            <span data-testid="result-reward">{t("ratings.result.rewardText", { year: reward.year, amount: yuanText(reward.amountFen) })}</span>
          </Descriptions.Item>
        )}
        {e.result?.rescored && <Descriptions.Item span={2} label={t("ratings.result.rescored", { score: e.result.rescored.assessorScore })}>{e.score?.toFixed(2)}</Descriptions.Item>}
      </Descriptions>
      <Table<SectionResult>
        style={{ marginTop: 16 }}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={e.result?.sections ?? []}
        columns={[
          { title: t("ratings.result.section"), dataIndex: "name" },
          { title: t("ratings.score"), dataIndex: "points", render: (v: number, s) => `${v} / ${s.maxPoints}` },
          { title: t("ratings.result.percent"), dataIndex: "percent", render: (v: number, s) => <Typography.Text type={s.belowMinimum ? "danger" : undefined}>{v}%</Typography.Text> },
          { title: t("ratings.result.weighted"), dataIndex: "weighted" },
        ]}
      />
      {e.scheme && <ItemTable evaluation={e} />}
      <Modal
        open={!!action}
        title={action === "appeal" ? t("ratings.result.appealTitle") : t("ratings.result.confirmTitle")}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, ...testId("evaluation-action-submit") }}
        forceRender
      >
        {action === "confirm" && <Typography.Paragraph type="secondary">{t("ratings.result.confirmHint")}</Typography.Paragraph>}
        {action === "confirm" && e.appealReason && <Alert type="warning" showIcon title={e.appealReason} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
          {(action === "appeal" || e.status === "appealed") && (
            <Form.Item
              name="text"
              label={action === "appeal" ? t("ratings.result.appealReason") : t("ratings.result.answer")}
              rules={[{ required: true, whitespace: true, message: t("form.required", { field: action === "appeal" ? t("ratings.result.appealReason") : t("ratings.result.answer") }) }, { max: 1000 }]}
            >
              <Input.TextArea rows={4} maxLength={1000} data-testid="evaluation-action-text" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

interface ItemRow {
  key: string;
  section: string;
  name: string;
  maxPoints: number;
}

/** Item by item: the points given, the assessor's remark and evidence photos (what an appeal is argued over). */
function ItemTable({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const rows: ItemRow[] = e.scheme!.sections.flatMap((s) => s.items.map((i) => ({ key: i.key, section: s.name, name: i.name, maxPoints: i.maxPoints })));
  return (
    <Table<ItemRow>
      style={{ marginTop: 16 }}
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="result-items"
      columns={[
        { title: t("ratings.result.section"), dataIndex: "section", width: 110 },
        { title: t("ratings.result.item"), dataIndex: "name", width: 200 },
        { title: t("ratings.score"), dataIndex: "key", width: 90, render: (k: string, r) => `${e.scores[k] ?? t("common.none")} / ${r.maxPoints}` },
        { title: t("ratings.form.remark"), dataIndex: "key", key: "remark", render: (k: string) => e.remarks[k] ?? t("common.none") },
        {
          title: t("ratings.result.photos"),
          dataIndex: "key",
          key: "photos",
          width: 220,
          render: (k: string) => (
            <Space wrap size={4}>
              {e.photos.filter((p) => p.itemKey === k && p.photo).map((p) => <Image key={p.id} src={p.photo} width={64} height={48} style={{ objectFit: "cover" }} />)}
            </Space>
          ),
        },
      ]}
    />
  );
}
