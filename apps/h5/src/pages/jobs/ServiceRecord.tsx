import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type Order, useTransition } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote } from "../../components/Screen.tsx";
import { hours, shanghaiTime } from "../../lib/format.ts";
import { currentPosition } from "../../lib/geo.ts";

// at check-out the position is a record, not a condition: a short wait, then without it
const CHECK_OUT_POSITION_MS = 8_000;

/** During the visit: the product's checklist as big boxes, notes, and 签退 with what was done. */
export function ServiceRecord({ order }: { order: Order }) {
  const { t } = useTranslation();
  const checkOut = useTransition(order.id);
  const [done, setDone] = useState<string[]>([]);
  const [notes, setNotes] = useState("");
  const [locating, setLocating] = useState(false);
  const tasks = order.product.tasks;
  const toggle = (task: string) => setDone((d) => (d.includes(task) ? d.filter((x) => x !== task) : [...d, task]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocating(true);
    const position = await currentPosition(CHECK_OUT_POSITION_MS).catch(() => null);
    setLocating(false);
    checkOut.mutate({
      action: "check_out",
      // in the checklist's own order, whatever order they were ticked in
      tasksDone: tasks.filter((x) => done.includes(x)),
      notes: notes.trim() || undefined,
      ...(position ? { lat: position.lat, lng: position.lng } : {}),
    });
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="service-record">
      <p className="note">
        {t("job.record.since", { time: order.checkedInAt ? shanghaiTime(order.checkedInAt) : "", hours: hours(order.product.durationMinutes) })}
      </p>
      {tasks.length > 0 && (
        <fieldset className="checklist">
          <legend>{t("job.record.tasks")}</legend>
          {tasks.map((task) => (
            <label key={task} className="check-item" data-testid="task">
              <input type="checkbox" checked={done.includes(task)} onChange={() => toggle(task)} />
              <span lang="zh-CN">{task}</span>
              {done.includes(task) && <span className="check-word">{t("job.record.done")}</span>}
            </label>
          ))}
          <p className="muted" aria-live="polite" data-testid="tasks-count">
            {t("job.record.count", { done: done.length, total: tasks.length })}
          </p>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="service-notes">{t("job.record.notes")}</label>
        <textarea id="service-notes" rows={3} maxLength={1000} value={notes} placeholder={t("job.record.notesHint")} onChange={(e) => setNotes(e.target.value)} data-testid="service-notes" />
      </div>
      {checkOut.isError && <ErrorNote message={errorText(checkOut.error)} testId="check-out-error" />}
      <button type="submit" className="btn btn-primary btn-main" disabled={locating || checkOut.isPending} data-testid="check-out-submit">
        <Icon name="check" /> {locating || checkOut.isPending ? t("app.sending") : t("job.record.checkOut")}
      </button>
    </form>
  );
}
