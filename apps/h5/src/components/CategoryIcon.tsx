import type { ServiceCategory } from "@carecircle/shared";
import type { ReactNode } from "react";

// One drawn sign per service category, for the big buttons of 预约服务; always shown with the category's name.
const PATHS: Record<ServiceCategory, ReactNode> = {
  meal: (
    <>
      <path d="M3.5 11.5h17a8.5 8 0 01-17 0z" />
      <path d="M9 3.5c-.8 1.3.8 2.2 0 3.5M13.5 3.5c-.8 1.3.8 2.2 0 3.5M8 21h8" />
    </>
  ),
  bathing: (
    <>
      <path d="M3 12h18v2a5 5 0 01-5 5H8a5 5 0 01-5-5z" />
      <path d="M6 12V6a2 2 0 014 0M7.5 19L6.5 21M16.5 19l1 2" />
    </>
  ),
  cleaning: (
    <>
      <path d="M15 3l-3.5 8.5" />
      <path d="M7.5 11.5h8l1.5 9h-11z" />
      <path d="M9.5 15.5v5M13 15.5v5" />
    </>
  ),
  mobility: (
    <>
      <circle cx="10.5" cy="4.5" r="1.8" />
      <path d="M10.5 8.5v5.5l-2 7M10.5 14l3 7M10.5 9.5L7 12.5M10.5 9.5l5 2.5M17 12v9" />
    </>
  ),
  medical: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="3" />
      <path d="M12 7.5v9M7.5 12h9" />
    </>
  ),
  emergency: (
    <>
      <path d="M6 16.5V11a6 6 0 0112 0v5.5l1.5 2h-15z" />
      <path d="M10 21a2 2 0 004 0M12 2.5V4" />
    </>
  ),
  daily_care: (
    <>
      <path d="M3.5 11l8.5-7.5 8.5 7.5" />
      <path d="M5.5 9.5v11h13v-11" />
      <path d="M12 18s-3-1.8-3-3.8a1.6 1.6 0 013-.8 1.6 1.6 0 013 .8c0 2-3 3.8-3 3.8z" />
    </>
  ),
  rehab_nursing: (
    <>
      <path d="M12 20.5s-8-4.8-8.8-10a4.7 4.7 0 018.8-3.3 4.7 4.7 0 018.8 3.3c-.8 5.2-8.8 10-8.8 10z" />
      <path d="M6 12h3l1.5-2.5 2 5 1.5-2.5h4" />
    </>
  ),
  companionship: (
    <>
      <path d="M3.5 4.5h11v8h-7l-4 3z" />
      <path d="M14.5 8.5h6v8.5l-3-2.5h-6v-2" />
    </>
  ),
  recreation: (
    <>
      <path d="M9 18V5.5l11-2.5v13" />
      <circle cx="6.5" cy="18" r="2.5" />
      <circle cx="17.5" cy="16" r="2.5" />
    </>
  ),
  legal_aid: (
    <>
      <path d="M12 4v16M7.5 20.5h9M5 7h14" />
      <path d="M5 7l-2.5 6.5h5zM19 7l-2.5 6.5h5z" />
    </>
  ),
  respite: (
    <>
      <path d="M3 19V6M3 15h18v4M21 15v-2.5a3 3 0 00-3-3h-7.5V15" />
      <circle cx="7" cy="12" r="2" />
    </>
  ),
};

export function CategoryIcon({ category }: { category: ServiceCategory }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[category]}
    </svg>
  );
}
