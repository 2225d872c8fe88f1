import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, errorText } from "../api/client.ts";
import { useMyElders, useWallet, type Wallet, type WalletEntry } from "../api/queries.ts";
import { Icon } from "../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";
import { hours, shanghaiDate, shanghaiIsoDate, yuan } from "../lib/format.ts";
import { type Spoken, useSpeech } from "../lib/speech.ts";

// a short first page: long lists are hard to follow; the rest is one tap away (no endless scrolling)
const PAGE = 10;
// how many of the newest entries 朗读 reads after the balance
const SPOKEN_ENTRIES = 3;

/** Newest first, whatever order the server used; ties keep the server's order. */
function newestFirst(entries: WalletEntry[]): WalletEntry[] {
  return entries
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.e);
}

/** 服务补贴: the balance in very large type, the server's summary, and the history as plain sentences. */
export function WalletPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const wallet = useWallet(id);
  const name = useMyElders().data?.find((e) => e.id === id)?.name;
  const title = name ? t("wallet.titleOf", { name }) : t("wallet.title");
  return (
    <Screen title={title} back="/" testId="wallet-page">
      {wallet.isPending && <Loading />}
      {wallet.isError && (
        <ErrorNote
          message={wallet.error instanceof ApiError && wallet.error.status === 404 ? t("wallet.notFound") : errorText(wallet.error)}
          onRetry={() => void wallet.refetch()}
          testId="wallet-error"
        />
      )}
      {wallet.data && <WalletView wallet={wallet.data} />}
    </Screen>
  );
}

function WalletView({ wallet }: { wallet: Wallet }) {
  const { t, i18n } = useTranslation();
  const speech = useSpeech();
  const [shown, setShown] = useState(PAGE);
  const entries = newestFirst(wallet.entries);
  const amount = yuan(wallet.balanceFen);
  const time = hours(wallet.balanceMinutes);

  const readAloud = () => {
    if (speech.speaking) return speech.stop();
    const uiLang = i18n.language === "en" ? "en-US" : "zh-CN";
    const pieces: Spoken[] = [{ text: t("wallet.spokenBalance", { amount, hours: time }), lang: uiLang }];
    const first = entries.slice(0, SPOKEN_ENTRIES);
    if (first.length > 0) pieces.push({ text: t("wallet.spokenRecent"), lang: uiLang });
    // the history sentences come from the server in Chinese
    for (const e of first) pieces.push({ text: `${shanghaiDate(e.at, "zh-CN")}，${e.text}`, lang: "zh-CN" });
    speech.speak(pieces);
  };

  return (
    <>
      <dl className="balance" data-testid="wallet-balances">
        <div data-testid="wallet-balance">
          <dt>{t("wallet.balance")}</dt>
          <dd className="big">{t("wallet.yuan", { amount })}</dd>
        </div>
        <div data-testid="wallet-minutes">
          <dt>{t("wallet.minutes")}</dt>
          <dd className="big">{t("wallet.hours", { hours: time })}</dd>
        </div>
      </dl>
      <p className="summary" lang="zh-CN" data-testid="wallet-summary">
        {wallet.summary}
      </p>
      {speech.available && (
        <button type="button" className="btn btn-primary btn-main" onClick={readAloud} aria-pressed={speech.speaking} data-testid="wallet-read-aloud">
          <Icon name={speech.speaking ? "stop" : "speaker"} /> {speech.speaking ? t("wallet.stopReading") : t("wallet.readAloud")}
        </button>
      )}
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">{t("wallet.history")}</h2>
        {entries.length === 0 ? (
          <p className="note" data-testid="wallet-empty">
            {t("wallet.historyEmpty")}
          </p>
        ) : (
          <>
            <p className="muted">{t("wallet.newestFirst")}</p>
            <ol className="entries" data-testid="wallet-entries">
              {entries.slice(0, shown).map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
            </ol>
            {entries.length > shown && (
              <button type="button" className="btn btn-secondary btn-block" onClick={() => setShown((n) => n + PAGE)} data-testid="wallet-more">
                {t("wallet.more", { count: entries.length - shown })}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}

function Entry({ entry }: { entry: WalletEntry }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="entry" data-testid="wallet-entry" data-kind={entry.kind}>
      <p className="entry-head">
        <time dateTime={shanghaiIsoDate(entry.at)}>{shanghaiDate(entry.at, i18n.language)}</time>
        <span className={`kind kind-${entry.kind}`}>{t(`wallet.kind.${entry.kind}`, { defaultValue: entry.kind })}</span>
      </p>
      <p className="entry-text" lang="zh-CN">
        {entry.text}
      </p>
    </li>
  );
}
