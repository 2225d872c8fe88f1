import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TreeSelect } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "../api/client.ts";
import type { Region } from "../api/types.ts";

const COMMUNITY_LEVEL = 5;
const PREFIX_LENGTHS = [2, 4, 6, 9] as const;

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Only communities (12-digit codes) can be chosen: the elder form. */
  communitiesOnly?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  "data-testid"?: string;
  id?: string;
}

function regionsQuery(parent: string | null) {
  return {
    queryKey: ["regions", parent ?? "root"] as const,
    queryFn: () => api<Region[] | { items: Region[] }>("/regions", { query: { parent: parent ?? undefined } }).then(listOf),
    staleTime: 10 * 60_000,
  };
}

/** The server may answer with a bare array or a `{ items }` list. */
function listOf(body: Region[] | { items: Region[] }): Region[] {
  return Array.isArray(body) ? body : body.items;
}

/** The region tree, loaded a level at a time from GET /api/v1/regions?parent=CODE. */
export function RegionTreeSelect({ value, onChange, placeholder, communitiesOnly = false, allowClear = true, style, id, ...rest }: Props) {
  const queryClient = useQueryClient();
  const roots = useQuery(regionsQuery(null));
  const [children, setChildren] = useState<Map<string, Region[]>>(new Map());

  const loadChildren = useCallback(
    async (parent: string) => {
      if (children.has(parent)) return;
      const rows = await queryClient.fetchQuery(regionsQuery(parent));
      setChildren((prev) => new Map(prev).set(parent, rows));
    },
    [children, queryClient],
  );

  // a value chosen earlier (an edited record): load its ancestors so that the field shows the name, not the code
  useEffect(() => {
    if (!value || !roots.data) return;
    const root = roots.data.find((r) => value.startsWith(r.code));
    if (!root) return;
    const parents = [root.code, ...PREFIX_LENGTHS.map((n) => value.slice(0, n))].filter(
      (p, i, all) => p.length >= root.code.length && p.length < value.length && all.indexOf(p) === i,
    );
    void (async () => {
      for (const p of parents) {
        const rows = await queryClient.fetchQuery(regionsQuery(p));
        setChildren((prev) => (prev.has(p) ? prev : new Map(prev).set(p, rows)));
      }
    })();
  }, [value, roots.data, queryClient]);

  const treeData = useMemo(() => {
    const rootCodes = new Set((roots.data ?? []).map((r) => r.code));
    const all = [...(roots.data ?? []), ...[...children.values()].flat()];
    const seen = new Set<string>();
    return all
      .filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)))
      .map((r) => ({
        id: r.code,
        pId: rootCodes.has(r.code) ? undefined : (r.parentCode ?? undefined),
        value: r.code,
        title: r.name,
        isLeaf: !r.hasChildren,
        selectable: !communitiesOnly || r.level === COMMUNITY_LEVEL,
      }));
  }, [roots.data, children, communitiesOnly]);

  return (
    <TreeSelect
      id={id}
      data-testid={rest["data-testid"]}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeExpandAction="click"
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value))}
      loading={roots.isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={false}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: "auto", minWidth: 260 } } }}
    />
  );
}
