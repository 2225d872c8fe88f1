import { useTranslation } from "react-i18next";
import { currentLanguage, type Language, setLanguage } from "../i18n/index.ts";

// each language is named in itself, so a reader of either can find it
const NAMES: Record<Language, string> = { "zh-CN": "中文", en: "English" };

/** Settings: the language as two large radio choices. */
export function LanguageChoice() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <fieldset className="choice">
      <legend>{t("settings.language")}</legend>
      {(Object.keys(NAMES) as Language[]).map((l) => (
        <label key={l} className="choice-option" lang={l}>
          <input type="radio" name="language" value={l} checked={lang === l} onChange={() => setLanguage(l)} data-testid={`language-${l}`} />
          <span>{NAMES[l]}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The login screen's one-tap switch to the other language. */
export function LanguageToggle() {
  useTranslation();
  const other: Language = currentLanguage() === "en" ? "zh-CN" : "en";
  return (
    <button type="button" className="btn btn-secondary" lang={other} onClick={() => setLanguage(other)} data-testid="language-toggle">
      {NAMES[other]}
    </button>
  );
}
