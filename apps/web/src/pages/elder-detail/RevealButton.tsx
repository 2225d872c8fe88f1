import { EyeOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";

export interface Revealed {
  idNumber?: string;
  phone?: string;
}

/** Asks for the full ID number and phone (or only `fields`); the server records the view in the audit log. */
export function RevealButton({
  elderId,
  revealed,
  onRevealed,
  fields = ["idNumber", "phone"],
  label,
}: {
  elderId: string;
  revealed: boolean;
  onRevealed: (r: Revealed) => void;
  fields?: (keyof Revealed)[];
  label?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => api<Revealed>(`/elders/${elderId}/reveal`, { method: "POST", body: { fields } }),
    onSuccess: onRevealed,
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Button icon={<EyeOutlined />} disabled={revealed} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="elder-reveal">
      {label ?? t("detail.reveal")}
    </Button>
  );
}
