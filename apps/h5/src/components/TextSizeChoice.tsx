import { useTranslation } from "react-i18next";
import { TEXT_SIZES, useTextSize } from "../lib/elder-mode.ts";

/** Settings: 文字大小 as three large radio choices, each label drawn at its own size so the choice can be seen. */
export function TextSizeChoice() {
  const { t } = useTranslation();
  const [size, setSize] = useTextSize();
  return (
    <fieldset className="choice">
      <legend>{t("settings.textSize")}</legend>
      {TEXT_SIZES.map((s) => (
        <label key={s} className={`choice-option size-${s}`}>
          <input type="radio" name="text-size" value={s} checked={size === s} onChange={() => setSize(s)} data-testid={`text-size-${s}`} />
          <span>{t(`settings.sizes.${s}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
