import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ApiError, errorText, isUnauthorized } from "./api/client.ts";
import { type Me, meKey, useMe } from "./api/queries.ts";
import { ErrorNote, Loading } from "./components/Screen.tsx";
import { applyRoleDefault } from "./lib/elder-mode.ts";
import { CALLER_ROLES, CLIENT_ROLES, VISITOR_ROLES, VOLUNTEER_ROLES, WORKER_ROLES } from "./lib/roles.ts";
import { AlarmPage } from "./pages/alarms/AlarmPage.tsx";
import { AlarmsPage } from "./pages/alarms/AlarmsPage.tsx";
import { ElderAlarmsPage } from "./pages/alarms/ElderAlarmsPage.tsx";
import { BookPage } from "./pages/book/BookPage.tsx";
import { ConfirmPage } from "./pages/book/ConfirmPage.tsx";
import { PlacedPage } from "./pages/book/PlacedPage.tsx";
import { ProductPage } from "./pages/book/ProductPage.tsx";
import { ProductsPage } from "./pages/book/ProductsPage.tsx";
import { TimePage } from "./pages/book/TimePage.tsx";
import { CatalogPage } from "./pages/CatalogPage.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { JobPage } from "./pages/jobs/JobPage.tsx";
import { JobsPage } from "./pages/jobs/JobsPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { OrderPage } from "./pages/orders/OrderPage.tsx";
import { OrdersPage } from "./pages/orders/OrdersPage.tsx";
import { RatingHistoryPage } from "./pages/ratings/RatingHistoryPage.tsx";
import { RatingsPage } from "./pages/ratings/RatingsPage.tsx";
import { BlacklistPage } from "./pages/blacklist/BlacklistPage.tsx";
import { SettingsPage } from "./pages/SettingsPage.tsx";
import { HelpPage } from "./pages/timebank/HelpPage.tsx";
import { VolunteerPage } from "./pages/timebank/VolunteerPage.tsx";
import { CallPage } from "./pages/visits/CallPage.tsx";
import { CallsPage } from "./pages/visits/CallsPage.tsx";
import { VisitPage } from "./pages/visits/VisitPage.tsx";
import { VisitsPage } from "./pages/visits/VisitsPage.tsx";
import { WalletPage } from "./pages/WalletPage.tsx";

const queryClient: QueryClient = new QueryClient({
  // a session that ends while a screen is open (timeout, signed out elsewhere) leads back to 登录
  queryCache: new QueryCache({ onError: (error) => (isUnauthorized(error) ? queryClient.setQueryData(meKey, null) : undefined) }),
  defaultOptions: {
    queries: {
      // the server's refusals (4xx) are answers; only network trouble and 5xx are worth another try
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Screens that need a signed-in user; the rest go to 登录 and come back afterwards. `roles` keeps a screen to the
 * people it is for (booking: elders and families; jobs: caregivers); anyone else lands on 首页.
 */
function SignedIn({ roles, children }: { roles?: readonly string[]; children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const role = me.data?.role;
  useEffect(() => {
    if (role) applyRoleDefault(role);
  }, [role]);
  if (me.isPending) return <Loading />;
  if (me.isError)
    return (
      <main className="page content">
        <h1>{t("app.name")}</h1>
        <ErrorNote message={errorText(me.error)} onRetry={() => void me.refetch()} />
      </main>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(me.data.role)) return <Navigate to="/" replace />;
  return <>{children(me.data)}</>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* import.meta.env.BASE_URL is "/h5/" */}
      <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, "")}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/ratings" element={<RatingsPage />} />
          <Route path="/ratings/:id" element={<RatingHistoryPage />} />
          <Route path="/blacklist" element={<BlacklistPage />} />
          <Route path="/" element={<SignedIn>{(me) => <HomePage me={me} />}</SignedIn>} />
          <Route path="/elders/:id/wallet" element={<SignedIn>{() => <WalletPage />}</SignedIn>} />
          <Route path="/alarms" element={<SignedIn roles={CLIENT_ROLES}>{() => <AlarmsPage />}</SignedIn>} />
          <Route path="/elders/:id/alarms" element={<SignedIn roles={CLIENT_ROLES}>{() => <ElderAlarmsPage />}</SignedIn>} />
          <Route path="/elders/:id/alarms/:alarmId" element={<SignedIn roles={CLIENT_ROLES}>{() => <AlarmPage />}</SignedIn>} />
          <Route path="/settings" element={<SignedIn>{(me) => <SettingsPage me={me} />}</SignedIn>} />
          <Route path="/book" element={<SignedIn roles={CLIENT_ROLES}>{() => <BookPage />}</SignedIn>} />
          <Route path="/book/:category" element={<SignedIn roles={CLIENT_ROLES}>{() => <ProductsPage />}</SignedIn>} />
          <Route path="/products/:id" element={<SignedIn roles={CLIENT_ROLES}>{() => <ProductPage />}</SignedIn>} />
          <Route path="/products/:id/time" element={<SignedIn roles={CLIENT_ROLES}>{() => <TimePage />}</SignedIn>} />
          <Route path="/products/:id/confirm" element={<SignedIn roles={CLIENT_ROLES}>{() => <ConfirmPage />}</SignedIn>} />
          <Route path="/orders" element={<SignedIn roles={CLIENT_ROLES}>{() => <OrdersPage />}</SignedIn>} />
          <Route path="/orders/:id" element={<SignedIn roles={CLIENT_ROLES}>{() => <OrderPage />}</SignedIn>} />
          <Route path="/orders/:id/placed" element={<SignedIn roles={CLIENT_ROLES}>{() => <PlacedPage />}</SignedIn>} />
          <Route path="/jobs" element={<SignedIn roles={WORKER_ROLES}>{() => <JobsPage />}</SignedIn>} />
          <Route path="/jobs/:id" element={<SignedIn roles={WORKER_ROLES}>{() => <JobPage />}</SignedIn>} />
          <Route path="/volunteer" element={<SignedIn roles={VOLUNTEER_ROLES}>{() => <VolunteerPage />}</SignedIn>} />
          <Route path="/help" element={<SignedIn roles={CLIENT_ROLES}>{() => <HelpPage />}</SignedIn>} />
          <Route path="/visits" element={<SignedIn roles={VISITOR_ROLES}>{() => <VisitsPage />}</SignedIn>} />
          <Route path="/visits/:elderId" element={<SignedIn roles={VISITOR_ROLES}>{() => <VisitPage />}</SignedIn>} />
          <Route path="/calls" element={<SignedIn roles={CALLER_ROLES}>{() => <CallsPage />}</SignedIn>} />
          <Route path="/calls/:elderId" element={<SignedIn roles={CALLER_ROLES}>{() => <CallPage />}</SignedIn>} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
