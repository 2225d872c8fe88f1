import type { Permission } from "@carecircle/shared";
import { Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, Route, Routes, useLocation } from "react-router-dom";
import { can, firstPageFor, GATES, useMe } from "./api/auth.ts";
import type { Me } from "./api/types.ts";
import { AppLayout } from "./layout/AppLayout.tsx";
import { AuditPage } from "./pages/AuditPage.tsx";
import { ImportPage } from "./pages/ImportPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { NoAccessPage } from "./pages/NoAccessPage.tsx";
import { AlarmsPage } from "./pages/alarms/AlarmsPage.tsx";
import { AssessmentPage } from "./pages/assessments/AssessmentPage.tsx";
import { CallsPage } from "./pages/calls/CallsPage.tsx";
import { ComplaintsPage } from "./pages/complaints/ComplaintsPage.tsx";
import { DevicesPage } from "./pages/devices/DevicesPage.tsx";
import { mayOpenFacilities, mayPlan } from "./api/facilities.ts";
import { FacilitiesPage } from "./pages/facilities/FacilitiesPage.tsx";
import { PlanningPage } from "./pages/planning/PlanningPage.tsx";
import { WorkforcePage } from "./pages/workforce/WorkforcePage.tsx";
import { OrderDetailPage } from "./pages/orders/OrderDetailPage.tsx";
import { OrderListPage } from "./pages/orders/OrderListPage.tsx";
import { ProviderDetailPage } from "./pages/providers/ProviderDetailPage.tsx";
import { ProviderListPage } from "./pages/providers/ProviderListPage.tsx";
import { StatementsPage } from "./pages/providers/StatementsPage.tsx";
import { ReturnVisitsPage } from "./pages/visits/ReturnVisitsPage.tsx";
import { DueListPage } from "./pages/assessments/DueListPage.tsx";
import { ElderDetailPage } from "./pages/elder-detail/ElderDetailPage.tsx";
import { ElderFormPage } from "./pages/elders/ElderFormPage.tsx";
import { ElderListPage } from "./pages/elders/ElderListPage.tsx";
import { RulesPage } from "./pages/subsidies/RulesPage.tsx";
import { RunsPage } from "./pages/subsidies/RunsPage.tsx";
import { TotalsPage } from "./pages/subsidies/TotalsPage.tsx";
import { mayRate } from "./api/ratings.ts";
import { EvaluationPage } from "./pages/ratings/EvaluationPage.tsx";
import { RatingsPage } from "./pages/ratings/RatingsPage.tsx";
import { SUPERVISION_GATES } from "./api/supervision.ts";
import { BoardPage } from "./pages/supervision/BoardPage.tsx";
import { CreditPage } from "./pages/supervision/CreditPage.tsx";
import { InspectionsPage } from "./pages/supervision/InspectionsPage.tsx";
import { RectificationsPage } from "./pages/supervision/RectificationsPage.tsx";
import { mayRunTimebank } from "./api/timebank.ts";
import { StatementPage as TimebankStatementPage } from "./pages/timebank/StatementPage.tsx";
import { TimebankPage } from "./pages/timebank/TimebankPage.tsx";
import { mayCareCall, mayReadVisits } from "./api/visits.ts";
import { CareCallsPage } from "./pages/care-visits/CareCallsPage.tsx";
import { VisitBoardPage } from "./pages/care-visits/VisitBoardPage.tsx";
import { VisitPlansPage } from "./pages/care-visits/VisitPlansPage.tsx";
import { VisitRulesPage } from "./pages/care-visits/VisitRulesPage.tsx";
import { mayReadRegionRules } from "./api/region-rules.ts";
import { RegionRulesPage } from "./pages/region-rules/RegionRulesPage.tsx";

function FullPageSpin() {
  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center" }}>
      <Spin size="large" />
    </div>
  );
}

/** Pages behind sign-in: unknown users go to /login, signed-in users get the layout. */
function SignedIn() {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <AppLayout me={me}>
      <Outlet />
    </AppLayout>
  );
}

/** A page that needs a permission (or passes a rule of api/auth.ts GATES): without it, the friendly no-access page. */
function Needs({ permission, allow, children }: { permission?: Permission; allow?: (me: Me) => boolean; children: ReactNode }) {
  const { data: me } = useMe();
  const ok = !!me && (allow ? allow(me) : !!permission && can(me, permission));
  return ok ? <>{children}</> : <NoAccessPage />;
}

function Home() {
  const { data: me } = useMe();
  if (!me) return null;
  const first = firstPageFor(me);
  return first ? <Navigate to={first} replace /> : <NoAccessPage />;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t("common.notFound")} extra={<Link to="/">{t("common.backHome")}</Link>} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<SignedIn />}>
        <Route index element={<Home />} />
        <Route path="/elders" element={<Needs permission="elder:read"><ElderListPage /></Needs>} />
        <Route path="/elders/new" element={<Needs permission="elder:write"><ElderFormPage /></Needs>} />
        <Route path="/elders/import" element={<Needs permission="elder:import"><ImportPage /></Needs>} />
        <Route path="/elders/:id" element={<Needs permission="elder:read"><ElderDetailPage /></Needs>} />
        <Route path="/elders/:id/edit" element={<Needs permission="elder:write"><ElderFormPage /></Needs>} />
        <Route path="/assessments/due" element={<Needs permission="assessment:read"><DueListPage /></Needs>} />
        <Route path="/assessments/new" element={<Needs permission="assessment:write"><AssessmentPage /></Needs>} />
        <Route path="/assessments/:id" element={<Needs permission="assessment:read"><AssessmentPage /></Needs>} />
        <Route path="/subsidies/rules" element={<Needs permission="subsidy:read"><RulesPage /></Needs>} />
        <Route path="/subsidies/runs" element={<Needs permission="subsidy:read"><RunsPage /></Needs>} />
        <Route path="/subsidies/totals" element={<Needs permission="subsidy:read"><TotalsPage /></Needs>} />
        <Route path="/providers" element={<Needs allow={GATES.providers}><ProviderListPage /></Needs>} />
        <Route path="/providers/:id" element={<Needs allow={GATES.providers}><ProviderDetailPage /></Needs>} />
        <Route path="/orders" element={<Needs allow={GATES.orders}><OrderListPage /></Needs>} />
        <Route path="/orders/:id" element={<Needs allow={GATES.orders}><OrderDetailPage /></Needs>} />
        <Route path="/calls" element={<Needs allow={GATES.calls}><CallsPage /></Needs>} />
        <Route path="/alarms" element={<Needs permission="alarm:handle"><AlarmsPage /></Needs>} />
        <Route path="/devices" element={<Needs permission="device:manage"><DevicesPage /></Needs>} />
        <Route path="/facilities" element={<Needs allow={mayOpenFacilities}><FacilitiesPage /></Needs>} />
        <Route path="/planning" element={<Needs allow={mayPlan}><PlanningPage /></Needs>} />
        <Route path="/workforce" element={<Needs allow={mayOpenFacilities}><WorkforcePage /></Needs>} />
        <Route path="/return-visits" element={<Needs allow={GATES.visits}><ReturnVisitsPage /></Needs>} />
        <Route path="/complaints" element={<Needs allow={GATES.complaints}><ComplaintsPage /></Needs>} />
        <Route path="/statements" element={<Needs allow={GATES.statements}><StatementsPage /></Needs>} />
        <Route path="/ratings" element={<Needs allow={mayRate}><RatingsPage /></Needs>} />
        <Route path="/ratings/evaluations/:id" element={<Needs allow={mayRate}><EvaluationPage /></Needs>} />
        <Route path="/supervision/inspections" element={<Needs allow={SUPERVISION_GATES.inspections}><InspectionsPage /></Needs>} />
        <Route path="/supervision/rectifications" element={<Needs allow={SUPERVISION_GATES.rectifications}><RectificationsPage /></Needs>} />
        <Route path="/supervision/board" element={<Needs allow={SUPERVISION_GATES.board}><BoardPage /></Needs>} />
        <Route path="/supervision/credit" element={<Needs allow={SUPERVISION_GATES.credit}><CreditPage /></Needs>} />
        <Route path="/timebank" element={<Needs allow={mayRunTimebank}><TimebankPage /></Needs>} />
        <Route path="/timebank/statement" element={<Needs allow={mayRunTimebank}><TimebankStatementPage /></Needs>} />
        <Route path="/visit-plans" element={<Needs allow={mayReadVisits}><VisitPlansPage /></Needs>} />
        <Route path="/care-calls" element={<Needs allow={mayCareCall}><CareCallsPage /></Needs>} />
        <Route path="/visit-board" element={<Needs allow={mayReadVisits}><VisitBoardPage /></Needs>} />
        <Route path="/visit-rules" element={<Needs allow={mayReadVisits}><VisitRulesPage /></Needs>} />
        <Route path="/region-rules" element={<Needs allow={mayReadRegionRules}><RegionRulesPage /></Needs>} />
        <Route path="/audit" element={<Needs permission="audit:read"><AuditPage /></Needs>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
