import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ME_KEY, firstPageFor } from "../api/auth.ts";
import { api } from "../api/client.ts";
import type { Me } from "../api/types.ts";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { errorText } from "../lib/problem.ts";

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await api("/auth/login", { method: "POST", body: values, allow401: true });
      const me = await api<Me>("/auth/me");
      queryClient.setQueryData(ME_KEY, me);
      navigate(safeNext(params.get("next")) ?? firstPageFor(me) ?? "/", { replace: true });
    } catch (e) {
      setError(errorText(e) || t("auth.loginFailed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "linear-gradient(135deg, #e6f4ff 0%, #f5f5f5 100%)" }}>
      <div style={{ position: "absolute", top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400 }} data-testid="login-card">
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          {t("app.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          {t("auth.title")}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t("auth.username")} rules={[{ required: true, message: t("auth.usernameRequired") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t("auth.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
