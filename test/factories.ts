import { checkCharacter } from "@carecircle/shared";

// random starting points: e2e files share one server, and each file loads this module afresh
let serial = Math.floor(Math.random() * 500);

/** A valid, unique ID number for someone born on `birth` (YYYYMMDD); the parity gives the sex. Area 990101 is no real county, so no demo elder ever has it. */
export function makeIdNumber(birth = "19450315", sex: "M" | "F" = "M", area = "990101"): string {
  serial = (serial + 1) % 500;
  const seq = String(serial * 2 + (sex === "M" ? 1 : 0)).padStart(3, "0");
  const first17 = `${area}${birth}${seq}`;
  return first17 + checkCharacter(first17);
}

let birthCounter = Math.floor(Math.random() * 1200);
/** Distinct birth dates so that ID numbers never collide across a file. */
/** A birth date within about three years after 1 January of `year`, distinct for each call in a file. */
export function uniqueBirth(year = 1945): string {
  birthCounter++;
  const d = new Date(Date.UTC(year, 0, 1) + (birthCounter % 1200) * 86_400_000);
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

let phoneCounter = Math.floor(Math.random() * 1e6);
export function makePhone(): string {
  phoneCounter++;
  // 197 is a real mobile prefix the demo generator never uses: no collision with demo elders
  return `197${String(phoneCounter).padStart(8, "0").slice(-8)}`;
}

/** Fields for POST /api/v1/elders; a community of 杨家坪街道 (500107001) unless told. */
export function elderInput(over: Record<string, unknown> = {}) {
  return {
    name: "测试老人",
    idNumber: makeIdNumber(uniqueBirth(), "F"),
    phone: makePhone(),
    address: "重庆市九龙坡区杨家坪正街1号",
    regionCode: "500107001001",
    livingSituation: "alone",
    ...over,
  };
}

/** An instant `days` from today at `hour`:`minute` Beijing time, as ISO 8601 (order slots are in Beijing working hours). */
export function beijingSlot(days: number, hour: number, minute = 0): string {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days, hour - 8, minute)).toISOString();
}

/** A point `meters` north of (lat, lng). */
export function north(p: { lat: number; lng: number }, meters: number) {
  return { lat: p.lat + meters / 111_195, lng: p.lng };
}
