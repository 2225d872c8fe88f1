import {
  AccountBookOutlined,
  AimOutlined,
  BankOutlined,
  CalendarOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  FundOutlined,
  SettingOutlined,
  StarOutlined,
  IdcardOutlined,
  AlertOutlined,
  AuditOutlined,
  BellOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  HddOutlined,
  LogoutOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  StopOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
  WalletOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Layout, Menu, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";
import { CONSOLE_PAGES, MENU_GROUPS, mayOpen } from "../api/auth.ts";
import { api } from "../api/client.ts";
import type { Me } from "../api/types.ts";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { errorText } from "../lib/problem.ts";

const ICONS: Record<string, ReactNode> = {
  "/elders": <TeamOutlined />,
  "/elders/import": <CloudUploadOutlined />,
  "/assessments/due": <ScheduleOutlined />,
  "/subsidies/rules": <AccountBookOutlined />,
  "/subsidies/runs": <WalletOutlined />,
  "/subsidies/totals": <BarChartOutlined />,
  "/providers": <ShopOutlined />,
  "/orders": <ProfileOutlined />,
  "/orders?flagged=true": <WarningOutlined />,
  "/calls": <PhoneOutlined />,
  "/alarms": <BellOutlined />,
  "/devices": <HddOutlined />,
  "/facilities": <BankOutlined />,
  "/planning": <AimOutlined />,
  "/workforce": <IdcardOutlined />,
  "/return-visits": <CommentOutlined />,
  "/complaints": <AlertOutlined />,
  "/statements": <FileDoneOutlined />,
  "/supervision/inspections": <SafetyCertificateOutlined />,
  "/supervision/rectifications": <ToolOutlined />,
  "/supervision/board": <DashboardOutlined />,
  "/supervision/credit": <StopOutlined />,
  "/ratings": <StarOutlined />,
  "/timebank": <FieldTimeOutlined />,
  "/visit-plans": <CalendarOutlined />,
  "/care-calls": <CustomerServiceOutlined />,
  "/visit-board": <FundOutlined />,
  "/visit-rules": <ControlOutlined />,
  "/region-rules": <SettingOutlined />,
  "/audit": <AuditOutlined />,
};

/**
 * The menu entry a location belongs to: the longest menu path that prefixes it and whose query (a preset such as
 * `/orders?flagged=true`) the location carries.
 */
function selectedKey(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  const hits = CONSOLE_PAGES.map((p) => p.path).filter((key) => {
    const [p = "", query = ""] = key.split("?");
    if (pathname !== p && !pathname.startsWith(`${p}/`)) return false;
    return [...new URLSearchParams(query)].every(([k, v]) => params.get(k) === v);
  });
  hits.sort((a, b) => b.length - a.length);
  return hits[0] ?? "";
}

export function AppLayout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const pages = CONSOLE_PAGES.filter((p) => mayOpen(me, p));
  // section headings over the pages, always open: a long menu read by what each part is about
  const items = MENU_GROUPS.map((g) => ({
    type: "group" as const,
    key: `group-${g}`,
    label: t(`menuGroup.${g}`),
    children: pages
      .filter((p) => p.group === g)
      .map((p) => ({
        key: p.path,
        icon: ICONS[p.path],
        label: <span data-testid={`menu-${p.testId ?? p.path.slice(1).replaceAll("/", "-")}`}>{t(p.labelKey)}</span>,
      })),
  })).filter((g) => g.children.length > 0);

  const logout = async () => {
    try {
      await api("/auth/logout", { method: "POST", allow401: true });
    } catch (e) {
      void message.error(errorText(e));
    }
    queryClient.clear();
    navigate("/login", { replace: true });
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div style={{ color: "#fff", padding: "18px 16px", fontWeight: 600, fontSize: 16, whiteSpace: "nowrap", overflow: "hidden" }}>
          {t("app.short")}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={[selectedKey(location.pathname, location.search)]}
          items={items}
          onClick={({ key }) => {
            const page = pages.find((p) => p.path === key);
            navigate(page?.target?.(me) ?? key);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: "#fff", padding: "0 24px", display: "flex", alignItems: "center", justifyContent: "space-between", borderBottom: "1px solid #f0f0f0" }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t("app.title")}
          </Typography.Text>
          <Space size="middle">
            <Space size={6} data-testid="current-user">
              <UserOutlined />
              <span data-testid="current-user-name">{me.displayName}</span>
              <Tag color="blue" data-testid="current-user-role">
                {t(`role.${me.role}`)}
              </Tag>
              {me.regionName && <Typography.Text type="secondary" data-testid="current-user-region">{me.regionName}</Typography.Text>}
            </Space>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout-button">
              {t("auth.logout")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
