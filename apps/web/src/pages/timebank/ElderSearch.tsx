import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { ElderListItem, Page } from "../../api/types.ts";

/** An elder of the registry chosen by typing the name (the region's elders search, ten at a time). */
export function ElderSearch({ value, onChange, placeholder, testId }: { value?: string; onChange?: (id: string | undefined) => void; placeholder?: string; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["elders", "search", q],
    queryFn: () => api<Page<ElderListItem>>("/elders", { query: { q: q || undefined, limit: 10 } }),
    enabled: q.trim().length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} · ${t("timebank.age", { age: e.age })} · ${e.idNumber} · ${e.regionName ?? ""}` }))}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}
