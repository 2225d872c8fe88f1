import gcoord from "gcoord";

/** Great-circle distance in metres (haversine on a sphere of the earth's mean radius): ample for geofences of 200 m. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Positions are kept in GCJ-02, the datum of Chinese maps (Amap, Tencent) and of the registry's import template;
 * a phone's GPS (the browser's geolocation) gives WGS-84, some hundreds of metres off in China. These convert.
 */
export type Datum = "wgs84" | "gcj02";

export function toGcj02(p: { lat: number; lng: number }, from: Datum): { lat: number; lng: number } {
  if (from === "gcj02") return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat, lng };
}

export function gcj02ToWgs84(p: { lat: number; lng: number }): { lat: number; lng: number } {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat, lng };
}
