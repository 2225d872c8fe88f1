import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { ElderListItem, Page } from "../../api/types.ts";

/** Finds an active elder by name, pinyin initials or phone (the same search box as the elder list). */
export function ElderPicker({ value, onChange, testId = "call-elder-picker" }: { value?: string; onChange?: (id: string | undefined) => void; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["elders", "pick", q],
    enabled: q.trim().length > 0,
    queryFn: () => api<Page<ElderListItem>>("/elders", { query: { q: q.trim(), status: "active", limit: 10 } }),
    staleTime: 30_000,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      style={{ width: "100%", maxWidth: 520 }}
      value={value}
      placeholder={t("calls.findElderPlaceholder")}
      loading={found.isFetching}
      notFoundContent={q ? t("elders.empty") : null}
      onChange={(v: string | undefined) => onChange?.(v)}
      data-testid={testId}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.age}岁）${e.regionName ?? ""} ${e.phone}` }))}
    />
  );
}
