import { distanceMeters } from "@carecircle/shared";
import { type Certificate, certificatesValid } from "../marketplace/workers.ts";

/** A job a worker already holds: its time and place. */
export interface HeldJob {
  start: number;
  end: number;
  lat: number;
  lng: number;
}

export interface Candidate {
  id: string;
  baseLat: number;
  baseLng: number;
  skills: readonly string[];
  certificates: readonly Certificate[];
  workDays: readonly number[];
  workStart: string;
  workEnd: string;
  ratingSum: number;
  ratingCount: number;
  /** The worker's open jobs that day. */
  jobs: readonly HeldJob[];
}

export interface DispatchJob {
  start: number;
  end: number;
  lat: number;
  lng: number;
  requiredSkills: readonly string[];
  requiredCertificates: readonly string[];
}

export interface DispatchSettings {
  /** Straight-line speed, km/h: the service circle and travel between jobs are both measured with it. */
  speedKmh: number;
  /** The service circle: the worker's base within this many minutes of the home. */
  circleMinutes: number;
}

export type Refusal = "skills" | "certificates" | "hours" | "busy" | "far";
export interface Ranked {
  id: string;
  travelMinutes: number;
  load: number;
  rating: number;
  score: number;
}

const SHANGHAI_MS = 8 * 3600_000;
/** Beijing time of an instant: day of week 1–7 (Monday = 1), "HH:MM", and the date. */
function local(ms: number): { dow: number; hhmm: string; date: string } {
  const d = new Date(ms + SHANGHAI_MS);
  const iso = d.toISOString();
  return { dow: ((d.getUTCDay() + 6) % 7) + 1, hhmm: iso.slice(11, 16), date: iso.slice(0, 10) };
}

export function travelMinutes(a: { lat: number; lng: number }, b: { lat: number; lng: number }, speedKmh: number): number {
  return distanceMeters(a, b) / 1000 / speedKmh * 60;
}

/** A prior of three 4-star ratings, so that one 5-star job does not outrank a long good record. */
export function smoothedRating(sum: number, count: number): number {
  return (sum + 12) / (count + 3);
}

/**
 * Why a worker cannot take the job, or null when they can: skills, certificates valid on the day, working days and
 * hours (Beijing time), no overlap with a held job counting the travel between the two homes, base within the circle.
 */
export function refusalOf(job: DispatchJob, c: Candidate, s: DispatchSettings): Refusal | null {
  if (!job.requiredSkills.every((k) => c.skills.includes(k))) return "skills";
  const from = local(job.start);
  const to = local(job.end - 1);
  if (!certificatesValid(c.certificates, job.requiredCertificates, from.date)) return "certificates";
  if (!c.workDays.includes(from.dow) || from.date !== to.date || from.hhmm < c.workStart || to.hhmm >= c.workEnd) return "hours";
  for (const h of c.jobs) {
    const gap = travelMinutes(h, job, s.speedKmh) * 60_000;
    if (!(h.end + gap <= job.start || job.end + gap <= h.start)) return "busy";
  }
  if (travelMinutes({ lat: c.baseLat, lng: c.baseLng }, job, s.speedKmh) > s.circleMinutes) return "far";
  return null;
}

/**
 * Ranks the workers who can take the job, best first. The score (lower is better) weighs closeness 50 %, a light
 * day 30 % and rating 20 %; equal scores fall back to travel time, then the worker's id, so the choice is
 * deterministic for the same data.
 */
export function rankCandidates(job: DispatchJob, candidates: readonly Candidate[], s: DispatchSettings): { ranked: Ranked[]; refused: Map<string, Refusal> } {
  const ranked: Ranked[] = [];
  const refused = new Map<string, Refusal>();
  for (const c of candidates) {
    const why = refusalOf(job, c, s);
    if (why) {
      refused.set(c.id, why);
      continue;
    }
    const travel = travelMinutes({ lat: c.baseLat, lng: c.baseLng }, job, s.speedKmh);
    const rating = smoothedRating(c.ratingSum, c.ratingCount);
    const load = c.jobs.length;
    const score = 0.5 * (travel / s.circleMinutes) + 0.3 * (Math.min(load, 8) / 8) + 0.2 * ((5 - rating) / 4);
    ranked.push({ id: c.id, travelMinutes: Math.round(travel * 10) / 10, load, rating: Math.round(rating * 100) / 100, score });
  }
  ranked.sort((a, b) => a.score - b.score || a.travelMinutes - b.travelMinutes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ranked, refused };
}
