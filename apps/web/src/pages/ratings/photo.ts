/** The longest side of an evidence photo as uploaded: enough to read a notice on a wall, small enough for one request. */
const MAX_SIDE = 1600;
/** The server takes a data URL of at most 800,000 characters (~600 KB). */
export const MAX_DATA_URL = 780_000;

/** A picked image as a JPEG data URL, scaled down (and re-compressed) until it fits the server's limit; null if it cannot. */
export async function photoDataUrl(file: File): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  let side = Math.min(MAX_SIDE, Math.max(bitmap.width, bitmap.height));
  for (let attempt = 0; attempt < 5; attempt++) {
    const scale = side / Math.max(bitmap.width, bitmap.height);
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL("image/jpeg", 0.8);
    if (url.length <= MAX_DATA_URL) return url;
    side = Math.round(side * 0.7);
  }
  return null;
}
