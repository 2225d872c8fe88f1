import { Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useAssessment, useScales } from "../../api/assessments.ts";
import { can, useMe } from "../../api/auth.ts";
import { useElder } from "../../api/elders.ts";
import { errorText } from "../../lib/problem.ts";
import { AssessmentForm, type FormMode } from "./AssessmentForm.tsx";
import { AssessmentView } from "./AssessmentView.tsx";

/**
 * /assessments/new?elderId=…           a new assessment
 * /assessments/new?supersedes=ID       a correction of a submitted one (prefilled with its scores)
 * /assessments/:id                     a draft to continue (with assessment:write), otherwise the read-only result
 */
export function AssessmentPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const supersedes = id ? undefined : (params.get("supersedes") ?? undefined);
  const existing = useAssessment(id ?? supersedes);
  const elderId = existing.data?.elderId ?? (id || supersedes ? undefined : (params.get("elderId") ?? undefined));
  const elder = useElder(elderId);
  const scales = useScales();
  const writable = can(me, "assessment:write");

  if (!id && !supersedes && !elderId) {
    return <Result status="info" title={t("assess.noElder")} extra={<Link to="/elders">{t("menu.elders")}</Link>} data-testid="assessment-no-elder" />;
  }
  const failed = existing.error ?? elder.error ?? scales.error;
  if (failed) {
    return <Result status="warning" title={errorText(failed)} extra={<Link to="/">{t("common.backHome")}</Link>} data-testid="assessment-load-error" />;
  }
  if ((id || supersedes) && !existing.data) return <Spin style={{ display: "block", margin: 48 }} />;
  if (!elder.data || !scales.data) return <Spin style={{ display: "block", margin: 48 }} />;

  const a = existing.data;
  const active = elder.data.status === "active";
  const scale = a ? scales.data.find((s) => s.code === a.scale) : undefined;

  let mode: FormMode | "view";
  if (id) mode = a?.status === "draft" && writable && active ? "draft" : "view";
  else if (supersedes) mode = "correct";
  else mode = "new";

  if (mode === "view" && a) {
    return <AssessmentView assessment={a} elder={elder.data} scale={scale} canCorrect={writable && active} />;
  }
  if (!active) {
    return <Result status="info" title={t("assess.elderInactive")} extra={<Link to={`/elders/${elder.data.id}`}>{t("assess.backToElder")}</Link>} />;
  }
  if (mode === "correct" && a?.status !== "submitted") {
    return <Result status="info" title={t("assess.notEditable")} extra={<Link to={`/assessments/${a?.id ?? ""}`}>{t("assess.view")}</Link>} />;
  }
  // a new key when a new draft gets its id, so the form restarts from the saved values
  return <AssessmentForm key={`${mode}:${id ?? supersedes ?? "new"}`} mode={mode as FormMode} elder={elder.data} scales={scales.data} assessment={a} />;
}
