import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { api, download } from "../api/client.ts";
import type { ImportJob, ImportStatus } from "../api/types.ts";
import { errorText } from "../lib/problem.ts";

const ACCEPT = [".xlsx", ".csv"];

/** /elders/import — upload a spreadsheet, follow the job, fetch the error report. */
export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get("job");
  const [uploading, setUploading] = useState(false);

  const job = useQuery({
    queryKey: ["elders", "imports", jobId],
    queryFn: () => api<ImportJob>(`/elders/imports/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data?.status === "running" || !q.state.data ? 1000 : false),
  });

  const get = async (path: string, query: Record<string, string> | undefined, name: string) => {
    try {
      await download(path, query, name);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const body = new FormData();
      body.append("file", file, file.name);
      const res = await api<{ id: string; status: ImportStatus }>("/elders/import", { method: "POST", body });
      setParams({ job: res.id });
    } catch (e) {
      void message.error(`${t("import.uploadFailed")}：${errorText(e)}`);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={t("import.title")} data-testid="import-page">
      <Typography.Paragraph>{t("import.intro")}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void get("/elders/import-template", { format: "xlsx" }, "elders-template.xlsx")} data-testid="import-template-xlsx">
          {t("import.templateXlsx")}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void get("/elders/import-template", { format: "csv" }, "elders-template.csv")} data-testid="import-template-csv">
          {t("import.templateCsv")}
        </Button>
      </Space>

      {!jobId && (
        <Upload.Dragger
          accept={ACCEPT.join(",")}
          multiple={false}
          showUploadList={false}
          disabled={uploading}
          data-testid="import-upload"
          beforeUpload={(file) => {
            if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
              void message.error(t("import.badType"));
              return Upload.LIST_IGNORE;
            }
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t("import.dragText")}</p>
          <p className="ant-upload-hint">{t("import.dragHint")}</p>
        </Upload.Dragger>
      )}

      {jobId && job.isError && <Alert type="error" showIcon title={errorText(job.error)} />}
      {jobId && job.data && <JobView job={job.data} onDownloadReport={() => void get(`/elders/imports/${jobId}/error-report`, undefined, "import-errors.xlsx")} />}
      {jobId && job.data?.status !== "running" && (
        <Button style={{ marginTop: 16 }} onClick={() => setParams({})} data-testid="import-again">
          {t("import.again")}
        </Button>
      )}
    </Card>
  );
}

function JobView({ job, onDownloadReport }: { job: ImportJob; onDownloadReport: () => void }) {
  const { t } = useTranslation();
  const total = job.totalRows ?? 0;
  const percent = job.status === "done" ? 100 : total > 0 ? Math.floor((job.processedRows / total) * 100) : 0;
  const progressStatus = job.status === "failed" ? "exception" : job.status === "done" ? (job.failed > 0 ? "normal" : "success") : "active";
  return (
    <div data-testid="import-job" data-status={job.status}>
      <Typography.Title level={5}>
        {job.fileName} · <span data-testid="import-status">{t(`import.status.${job.status}`)}</span>
      </Typography.Title>
      <Progress percent={percent} status={progressStatus} data-testid="import-progress" />
      <Typography.Text type="secondary">{t("import.progress", { processed: job.processedRows, total: job.totalRows ?? "?" })}</Typography.Text>
      {job.status === "failed" && <Alert type="error" showIcon style={{ marginTop: 16 }} title={t("import.status.failed")} description={job.error ?? undefined} />}
      {job.status === "done" && (
        <Result
          status={job.failed > 0 ? "warning" : "success"}
          title={t("import.status.done")}
          extra={
            job.failed > 0 && (
              <Button type="primary" danger icon={<DownloadOutlined />} onClick={onDownloadReport} data-testid="import-error-report">
                {t("import.errorReport")}
              </Button>
            )
          }
        >
          <Row gutter={16} data-testid="import-counts">
            <Col span={5}><Statistic title={t("import.totalRows")} value={job.totalRows ?? 0} /></Col>
            <Col span={5}><Statistic title={t("import.created")} value={job.created} valueStyle={{ color: "#389e0d" }} /></Col>
            <Col span={5}><Statistic title={t("import.updated")} value={job.updated} valueStyle={{ color: "#1677ff" }} /></Col>
            <Col span={4}><Statistic title={t("import.unchanged")} value={job.unchanged} /></Col>
            <Col span={5}><Statistic title={t("import.failed")} value={job.failed} valueStyle={{ color: job.failed > 0 ? "#cf1322" : undefined }} /></Col>
          </Row>
        </Result>
      )}
    </div>
  );
}
