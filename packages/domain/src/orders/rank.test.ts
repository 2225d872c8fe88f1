import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Candidate, type DispatchJob, rankCandidates, refusalOf } from "./rank.ts";

// 2026-11-24 10:00–12:00 Beijing time is a Tuesday
const start = Date.parse("2026-11-24T02:00:00Z");
const job: DispatchJob = { start, end: start + 2 * 3600_000, lat: 29.5035, lng: 106.5105, requiredSkills: ["cleaning"], requiredCertificates: ["health"] };
const settings = { speedKmh: 15, circleMinutes: 10 };
const metresNorth = (m: number) => 29.5035 + m / 111_195;

function worker(over: Partial<Candidate> = {}): Candidate {
  return {
    id: "w-0",
    baseLat: metresNorth(500),
    baseLng: 106.5105,
    skills: ["cleaning", "companionship"],
    certificates: [{ kind: "health", validTo: "2027-06-30" }],
    workDays: [1, 2, 3, 4, 5, 6],
    workStart: "08:00",
    workEnd: "18:00",
    ratingSum: 0,
    ratingCount: 0,
    jobs: [],
    ...over,
  };
}

describe("dispatch: who can take the job", () => {
  it("refuses a worker without the skill, with a certificate lapsed by the service day, off duty, double-booked or outside the circle", () => {
    expect(refusalOf(job, worker(), settings)).toBeNull();
    expect(refusalOf(job, worker({ skills: ["companionship"] }), settings)).toBe("skills");
    expect(refusalOf(job, worker({ certificates: [{ kind: "health", validTo: "2026-11-23" }] }), settings)).toBe("certificates");
    expect(refusalOf(job, worker({ certificates: [{ kind: "health", validFrom: "2026-12-01", validTo: "2028-01-01" }] }), settings)).toBe("certificates");
    expect(refusalOf(job, worker({ workDays: [3, 4, 5] }), settings)).toBe("hours");
    expect(refusalOf(job, worker({ workStart: "10:30" }), settings)).toBe("hours");
    expect(refusalOf(job, worker({ workEnd: "11:30" }), settings)).toBe("hours");
    expect(refusalOf(job, worker({ workEnd: "12:00" }), settings)).toBeNull();
    // 2.5 km is the 10-minute circle at 15 km/h
    expect(refusalOf(job, worker({ baseLat: metresNorth(2600) }), settings)).toBe("far");
    expect(refusalOf(job, worker({ baseLat: metresNorth(2400) }), settings)).toBeNull();
  });

  it("counts the travel between two homes: back-to-back jobs 2 km apart need 8 minutes between them at 15 km/h", () => {
    const before = (gapMin: number) => ({ start: start - 3600_000 - gapMin * 60_000, end: start - gapMin * 60_000, lat: metresNorth(2000), lng: 106.5105 });
    expect(refusalOf(job, worker({ jobs: [before(5)] }), settings)).toBe("busy");
    expect(refusalOf(job, worker({ jobs: [before(9)] }), settings)).toBeNull();
    const overlapping = { start: start + 3600_000, end: start + 3 * 3600_000, lat: job.lat, lng: job.lng };
    expect(refusalOf(job, worker({ jobs: [overlapping] }), settings)).toBe("busy");
  });
});

describe("dispatch: ranking", () => {
  it("prefers the closer, the less loaded and the better rated, in that weight", () => {
    const near = worker({ id: "near", baseLat: metresNorth(200) });
    const far = worker({ id: "far", baseLat: metresNorth(2000) });
    expect(rankCandidates(job, [far, near], settings).ranked.map((r) => r.id)).toEqual(["near", "far"]);
    const busy = worker({ id: "busy", baseLat: metresNorth(200), jobs: [1, 2, 3, 4].map((h) => ({ start: start + (h + 2) * 3600_000, end: start + (h + 2.5) * 3600_000, lat: job.lat, lng: job.lng })) });
    const free = worker({ id: "free", baseLat: metresNorth(400) });
    expect(rankCandidates(job, [busy, free], settings).ranked[0]!.id).toBe("free");
    const good = worker({ id: "good", ratingSum: 50, ratingCount: 10 });
    const poor = worker({ id: "poor", ratingSum: 25, ratingCount: 10 });
    expect(rankCandidates(job, [poor, good], settings).ranked.map((r) => r.id)).toEqual(["good", "poor"]);
  });

  it("is deterministic: the same candidates in any order give the same choice, ties broken by id", () => {
    const pool = fc.array(
      fc.record({ id: fc.uuid(), north: fc.integer({ min: 0, max: 3000 }), rating: fc.integer({ min: 0, max: 50 }), count: fc.integer({ min: 0, max: 10 }) }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(pool, fc.integer(), (rows, seed) => {
        const cands = rows.map((r) => worker({ id: r.id, baseLat: metresNorth(r.north), ratingSum: Math.min(r.rating, r.count * 5), ratingCount: r.count }));
        const shuffled = [...cands].sort((a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7));
        expect(rankCandidates(job, shuffled, settings).ranked.map((r) => r.id)).toEqual(rankCandidates(job, cands, settings).ranked.map((r) => r.id));
        const twins = [worker({ id: "b" }), worker({ id: "a" })];
        expect(rankCandidates(job, twins, settings).ranked.map((r) => r.id)).toEqual(["a", "b"]);
      }),
      { numRuns: 300 },
    );
  });
});
