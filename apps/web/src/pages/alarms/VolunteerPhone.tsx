import { EyeOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { VolunteerResponder } from "../../api/alarms.ts";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import { TelLink } from "./AlarmContacts.tsx";

/**
 * A nearby volunteer's phone: masked, and with `elder:reveal` a 查看完整号码 button — the server hands over the full
 * number for this alarm and records who read it (volunteer.reveal_phone); then a `tel:` link to call them.
 */
export function VolunteerPhone({ alarmId, r, full, mayReveal, onRevealed }: { alarmId: string; r: VolunteerResponder; full: string | undefined; mayReveal: boolean; onRevealed: (phone: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => api<{ id: string; phone: string }>(`/alarms/${alarmId}/volunteers/${r.volunteerId}/reveal`, { method: "POST" }),
    onSuccess: (res) => onRevealed(res.phone),
    onError: (e) => void message.error(errorText(e)),
  });
  if (full)
    return (
      <span style={{ whiteSpace: "nowrap" }}>
        <TelLink phone={full} testId="alarm-responder-phone" />
      </span>
    );
  return (
    <Space size={8} wrap>
      <span className="mono" style={{ whiteSpace: "nowrap" }} data-testid="alarm-responder-phone">
        {r.phone}
      </span>
      {mayReveal && (
        <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="alarm-volunteer-reveal">
          {t("alarms.responders.revealPhone")}
        </Button>
      )}
    </Space>
  );
}
