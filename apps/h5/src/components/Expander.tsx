import { type ReactNode, useId, useState } from "react";

/**
 * A button that opens a part of the page below it (never a pop-up): for the steps that need a few more words, such
 * as a reason for cancelling. The section is closed again by its own button or after it is done.
 */
export function Expander({ label, className = "btn btn-secondary btn-block", testId, children }: { label: ReactNode; className?: string; testId?: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="expander">
      <button type="button" className={className} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} data-testid={testId}>
        {label}
      </button>
      {open && (
        <div id={id} className="expander-body">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
