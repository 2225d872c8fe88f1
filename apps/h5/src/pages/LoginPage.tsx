import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router-dom";
import { errorText } from "../api/client.ts";
import { useLogin, useMe } from "../api/queries.ts";
import { LanguageToggle } from "../components/LanguageChoice.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";

/** 登录: two big fields and one button; the server's own words when it refuses. Nothing is stored on the device. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={from} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => {
          setPassword("");
          navigate(from, { replace: true });
        },
      },
    );
  };

  const error = missing ? t("login.required") : login.isError ? errorText(login.error) : null;
  return (
    <Screen title={t("login.title")} action={<LanguageToggle />} testId="login-page">
      <p>{t("login.intro")}</p>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login-username">{t("login.username")}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={missing && !username.trim() ? true : undefined}
            data-testid="login-username"
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t("login.password")}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={missing && !password ? true : undefined}
            data-testid="login-password"
          />
        </div>
        {error && <ErrorNote message={error} testId="login-error" />}
        <button type="submit" className="btn btn-primary btn-main" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
      <Link to="/catalog" className="btn btn-secondary btn-block" data-testid="login-catalog">
        {t("login.catalog")}
      </Link>
    </Screen>
  );
}
