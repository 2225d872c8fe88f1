import { useTranslation } from "react-i18next";
import { hours, type TbAccount, type TbEntry, type TbRequest } from "../../api/timebank.ts";
import { Icon, type IconName } from "../../components/Icon.tsx";
import { shanghaiDate, shanghaiIsoDate, dayText } from "../../lib/format.ts";

const LOOK: Record<TbRequest["status"], { group: string; icon: IconName }> = {
  open: { group: "waiting", icon: "clock" },
  taken: { group: "waiting", icon: "person" },
  checked_in: { group: "active", icon: "home" },
  checked_out: { group: "attention", icon: "warning" },
  confirmed: { group: "done", icon: "check" },
  cancelled: { group: "closed", icon: "cross" },
};

/** A request's status in words, with a sign (never colour alone). */
export function TbStatus({ status }: { status: TbRequest["status"] }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <span className={`status status-${look.group}`} data-status={status} data-testid="tb-status">
      <Icon name={look.icon} /> {t(`tb.status.${status}`)}
    </span>
  );
}

/** "11月25日 周三 09:30，约 1 小时". */
export function useWhen() {
  const { t, i18n } = useTranslation();
  return (r: TbRequest) =>
    r.startTime
      ? t("tb.when", { day: dayText(r.day, i18n.language), time: r.startTime, hours: hours(r.minutes) })
      : t("tb.whenNoTime", { day: dayText(r.day, i18n.language), hours: hours(r.minutes) });
}

function entryText(t: (k: string, o?: Record<string, unknown>) => string, e: TbEntry): string {
  const d = e.detail as Record<string, string | undefined>;
  switch (e.reason) {
    case "deposit":
      return t("tb.entry.deposit", { elder: d.elderName ?? "", description: d.description ?? "" });
    case "redeem":
      return t("tb.entry.redeem", { description: d.description ?? "" });
    case "gift":
      return e.minutes < 0 ? t("tb.entry.giftOut", { name: d.toElderName ?? "" }) : t("tb.entry.giftIn");
    case "refund":
      return t("tb.entry.refund", { orderNo: d.orderNo ?? "" });
    case "cap":
    case "donate":
    case "expire":
      return t(`tb.entry.${e.reason}`);
    default:
      return e.reason;
  }
}

/** A time account: the balance in big figures, then the newest entries (a statement), each in words. */
export function AccountView({ account, testId = "tb-account" }: { account: TbAccount | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!account)
    return (
      <p className="note" data-testid={`${testId}-none`}>
        {t("tb.noAccount")}
      </p>
    );
  return (
    <div className="stack" data-testid={testId} data-balance={account.balanceMinutes}>
      <dl className="balance">
        <div>
          <dt>{t("tb.balance")}</dt>
          <dd className="big" data-testid={`${testId}-balance`}>
            {t("tb.hours", { hours: hours(account.balanceMinutes) })}
          </dd>
        </div>
      </dl>
      <h3>{t("tb.statement")}</h3>
      {account.entries.length === 0 ? (
        <p className="note">{t("tb.statementEmpty")}</p>
      ) : (
        <ol className="entries" data-testid={`${testId}-entries`}>
          {account.entries.slice(0, 10).map((e) => (
            <li key={e.id} className="entry" data-testid="tb-entry" data-reason={e.reason} data-minutes={e.minutes}>
              <p className="entry-head">
                <time dateTime={shanghaiIsoDate(e.at)}>{shanghaiDate(e.at, i18n.language)}</time>
                <span className={`kind ${e.minutes > 0 ? "kind-credit" : "kind-debit"}`}>{t(`tb.reason.${e.reason}`, { defaultValue: e.reason })}</span>
              </p>
              <p className="entry-text">
                {entryText(t, e)} <strong>{t("tb.signedHours", { sign: e.minutes > 0 ? "+" : "−", hours: hours(Math.abs(e.minutes)) })}</strong>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
