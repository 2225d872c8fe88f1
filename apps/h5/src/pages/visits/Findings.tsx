import { FINDING_LEVELS, VISIT_NEEDS } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FindingLevel, VisitBody, VisitNeed } from "../../api/visits.ts";
import { Icon } from "../../components/Icon.tsx";

const ASPECTS = ["health", "homeSafety", "mood"] as const;
type Aspect = (typeof ASPECTS)[number];

/**
 * What a visitor found, and who is to follow up: the one short form of a home visit and of a care call that got
 * through. `findings()` is null until health, home safety and mood are all chosen.
 */
export function useFindingsForm() {
  const [levels, setLevels] = useState<Partial<Record<Aspect, FindingLevel>>>({});
  const [needs, setNeeds] = useState<VisitNeed[]>([]);
  const [notes, setNotes] = useState("");
  const [alarmTask, setAlarmTask] = useState(true);
  const [referOn, setReferOn] = useState(false);
  const [referral, setReferral] = useState("");
  const worrying = ASPECTS.some((a) => levels[a] === "concern");
  const findings = (): VisitBody["findings"] | null => {
    const { health, homeSafety, mood } = levels;
    if (!health || !homeSafety || !mood) return null;
    return { health, homeSafety, mood, needs, ...(notes.trim() ? { notes: notes.trim() } : {}) };
  };
  // follow-ups only when something is worrying: otherwise nobody is asked to act
  const followUp = (): Pick<VisitBody, "followUp"> => (worrying ? { followUp: { alarmTask, ...(referOn && referral.trim() ? { referral: referral.trim() } : {}) } } : {});
  return { levels, setLevels, needs, setNeeds, notes, setNotes, alarmTask, setAlarmTask, referOn, setReferOn, referral, setReferral, worrying, findings, followUp };
}
export type FindingsForm = ReturnType<typeof useFindingsForm>;

/** Health, home safety and mood as rows of four big choices; the needs as toggles; a note. */
export function FindingsFields({ form, heading }: { form: FindingsForm; heading: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="findings-heading">{heading}</h2>
      {ASPECTS.map((a) => (
        <fieldset key={a} className="level-row" data-testid={`finding-${a}`}>
          <legend>{t(`visits.findings.${a}`)}</legend>
          {FINDING_LEVELS.map((l) => (
            <label key={l} className={`level-option level-${l}`}>
              <input type="radio" name={a} value={l} checked={form.levels[a] === l} onChange={() => form.setLevels((x) => ({ ...x, [a]: l }))} data-testid={`finding-${a}-${l}`} />
              {t(`visits.findings.levels.${l}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset className="needs" data-testid="finding-needs">
        <legend>{t("visits.findings.needs")}</legend>
        {VISIT_NEEDS.map((n) => {
          const on = form.needs.includes(n);
          return (
            <button key={n} type="button" className="need-toggle" aria-pressed={on} onClick={() => form.setNeeds((x) => (on ? x.filter((y) => y !== n) : [...x, n]))} data-testid={`need-${n}`}>
              {on && <Icon name="check" />} {t(`visits.findings.need.${n}`)}
            </button>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor="visit-notes">{t("visits.findings.notes")}</label>
        <textarea id="visit-notes" rows={3} maxLength={1000} value={form.notes} onChange={(e) => form.setNotes(e.target.value)} data-testid="visit-notes" />
      </div>
    </>
  );
}

/** Shown when something is worrying: pass it to the alarm center (ticked), or refer it on in words. */
export function FollowUpFields({ form }: { form: FindingsForm }) {
  const { t } = useTranslation();
  if (!form.worrying) return null;
  return (
    <section className="stack panel panel-attention follow-ups" aria-labelledby="follow-heading" data-testid="visit-follow-ups">
      <h2 id="follow-heading">
        <Icon name="warning" /> {t("visits.followUp.heading")}
      </h2>
      <label className="choice-option">
        <input type="checkbox" checked={form.alarmTask} onChange={(e) => form.setAlarmTask(e.target.checked)} data-testid="follow-alarm" />
        {t("visits.followUp.alarmTask")}
      </label>
      <label className="choice-option">
        <input type="checkbox" checked={form.referOn} onChange={(e) => form.setReferOn(e.target.checked)} data-testid="follow-referral" />
        {t("visits.followUp.referral")}
      </label>
      {form.referOn && (
        <div className="field">
          <label htmlFor="visit-referral">{t("visits.followUp.referralText")}</label>
          <input id="visit-referral" maxLength={200} value={form.referral} placeholder={t("visits.followUp.referralPlaceholder")} onChange={(e) => form.setReferral(e.target.value)} data-testid="follow-referral-text" />
        </div>
      )}
    </section>
  );
}

/** Who is to act on what was found, one line each (the server's answer to a recorded visit or call). */
export function FollowUpList({ followUps }: { followUps: { kind: string; ref?: string; note?: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="stack" data-testid="visit-done-follow-ups">
      {followUps.map((f, i) => (
        <li key={i} data-kind={f.kind}>
          <Icon name="forward" /> {t(`visits.done.${f.kind}`, { note: f.note ?? "", ref: f.ref ?? "" })}
        </li>
      ))}
    </ul>
  );
}
