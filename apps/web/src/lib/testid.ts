/** `data-testid` for props objects that antd passes through (JSX accepts data-* directly; object literals do not). */
export function testId(id: string): Record<string, string> {
  return { "data-testid": id };
}
