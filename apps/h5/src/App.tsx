import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ApiError, errorText, isUnauthorized } from "./api/client.ts";
import { type Me, meKey, useMe } from "./api/queries.ts";
import { ErrorNote, Loading } from "./components/Screen.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { SettingsPage } from "./pages/SettingsPage.tsx";
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

/** Screens that need a signed-in user; the rest go to 登录 and come back afterwards. */
function SignedIn({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError)
    return (
      <main className="page content">
        <h1>{t("app.name")}</h1>
        <ErrorNote message={errorText(me.error)} onRetry={() => void me.refetch()} />
      </main>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children(me.data)}</>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* import.meta.env.BASE_URL is "/h5/" */}
      <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, "")}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/" element={<SignedIn>{(me) => <HomePage me={me} />}</SignedIn>} />
          <Route path="/elders/:id/wallet" element={<SignedIn>{() => <WalletPage />}</SignedIn>} />
          <Route path="/settings" element={<SignedIn>{(me) => <SettingsPage me={me} />}</SignedIn>} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
