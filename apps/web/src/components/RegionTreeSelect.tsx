import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TreeSelect } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { regionsQuery } from "../api/regions.ts";
import type { Region } from "../api/types.ts";

const COMMUNITY_LEVEL = 5;
const PREFIX_LENGTHS = [2, 4, 6, 9] as const;

interface CommonProps {
  placeholder?: string;
  /** Only communities (12-digit codes) can be chosen: the elder form. */
  communitiesOnly?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  "data-testid"?: string;
  id?: string;
}
/** One region (a filter, an elder's community), or several (a provider's service area). */
type Props = CommonProps &
  ({ multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void } | { multiple: true; value?: string[] | null; onChange?: (value: string[]) => void });

/** The region tree, loaded a level at a time from GET /api/v1/regions?parent=CODE. */
export function RegionTreeSelect(props: Props) {
  const { placeholder, communitiesOnly = false, allowClear = true, style, id } = props;
  const value = props.value;
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

  // values chosen earlier (an edited record): load their ancestors so that the field shows names, not codes
  const valueKey = Array.isArray(value) ? value.join(",") : (value ?? "");
  useEffect(() => {
    if (!valueKey || !roots.data) return;
    const parents: string[] = [];
    for (const v of valueKey.split(",")) {
      const root = roots.data.find((r) => v.startsWith(r.code));
      if (!root) continue;
      for (const p of [root.code, ...PREFIX_LENGTHS.map((n) => v.slice(0, n))]) {
        if (p.length >= root.code.length && p.length < v.length && !parents.includes(p)) parents.push(p);
      }
    }
    void (async () => {
      for (const p of parents) {
        const rows = await queryClient.fetchQuery(regionsQuery(p));
        setChildren((prev) => (prev.has(p) ? prev : new Map(prev).set(p, rows)));
      }
    })();
  }, [valueKey, roots.data, queryClient]);

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
      data-testid={props["data-testid"]}
      value={value ?? undefined}
      multiple={props.multiple}
      onChange={(v: string | string[] | undefined) => {
        if (props.multiple) props.onChange?.(Array.isArray(v) ? v : v ? [v] : []);
        else props.onChange?.(typeof v === "string" ? v : undefined);
      }}
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
