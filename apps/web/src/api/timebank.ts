import { minutesAsHours, type TimebankAccountView, type TimebankEntryView, type TimebankRequestView } from "@carecircle/shared";
import { can } from "./auth.ts";
import type { Me } from "./types.ts";

/** Community workers and street staff run the time bank for their region. */
export const mayRunTimebank = (me: Me) => can(me, "timebank:manage");

export interface Volunteer {
  id: string;
  name: string;
  idNumber: string;
  phone: string | null;
  birthDate: string;
  regionCode: string;
  team: string | null;
  skills: string[];
  /** Home position (GCJ-02), for the alarm console's nearby list; null when not given. */
  lat: number | null;
  lng: number | null;
  status: "pending" | "verified" | "suspended";
  hasAccount: boolean;
  verifiedAt: string | null;
  balanceMinutes: number;
}

/** An account's entries and the account with its statement (the shared view types). */
export type TbAccount = TimebankAccountView;
export type TbEntry = TimebankEntryView;

export type TbRequest = TimebankRequestView;

/** Minutes as hours without trailing zeros: 90 → "1.5". */
export const hours = minutesAsHours;
