import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useElderMode } from "../lib/elder-mode.ts";

/** 长辈模式 on/off: a real switch, its state said in words as well as by the knob's place and colour. */
export function ElderModeSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useElderMode();
  const label = useId();
  const hint = useId();
  return (
    <button type="button" role="switch" aria-checked={on} aria-labelledby={label} aria-describedby={hint} className="switch" data-testid="elder-mode-switch" onClick={() => setOn(!on)}>
      <span className="switch-text">
        <span id={label} className="switch-label">
          {t("elderMode.label")}
        </span>
        <span id={hint} className="switch-hint">
          {t("elderMode.hint")}
        </span>
      </span>
      {/* the state in a word as well as by the knob's side and the colour */}
      <span className="switch-track" aria-hidden="true">
        <span className="switch-word">{on ? t("elderMode.on") : t("elderMode.off")}</span>
        <span className="switch-knob" />
      </span>
    </button>
  );
}
