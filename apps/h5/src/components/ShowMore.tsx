import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

// a short first page: long lists are hard to follow; the rest is one tap away (no endless scrolling)
const PAGE = 6;

/** The first few items of a list, and a button for the next few. */
export function useShown<T>(items: T[]): { shown: T[]; more: ReactNode } {
  const { t } = useTranslation();
  const [count, setCount] = useState(PAGE);
  const rest = items.length - count;
  return {
    shown: items.slice(0, count),
    more:
      rest > 0 ? (
        <button type="button" className="btn btn-secondary btn-block" onClick={() => setCount((n) => n + PAGE)} data-testid="show-more">
          {t("app.more", { n: rest })}
        </button>
      ) : null,
  };
}
