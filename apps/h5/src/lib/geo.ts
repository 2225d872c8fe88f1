/** Why no position came: each has its own plain-words advice in the i18n files (job.geo.*). */
export type GeoProblem = "denied" | "unavailable" | "timeout" | "unsupported";

export class GeoError extends Error {
  readonly problem: GeoProblem;
  constructor(problem: GeoProblem) {
    super(problem);
    this.name = "GeoError";
    this.problem = problem;
  }
}

export interface Position {
  lat: number;
  lng: number;
  accuracy: number;
}

/** The phone's position now: high accuracy, never a cached one (a check-in must be where the worker stands). */
export function currentPosition(timeoutMs = 20_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) return reject(new GeoError("unsupported"));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
      (e) => reject(new GeoError(e.code === e.PERMISSION_DENIED ? "denied" : e.code === e.TIMEOUT ? "timeout" : "unavailable")),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

/** Directions in Amap (高德地图): opens the app where installed, the map page otherwise. */
export function amapLink(lat: number, lng: number, name: string): string {
  return `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(name)}`;
}
