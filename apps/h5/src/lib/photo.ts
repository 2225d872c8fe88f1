// the server takes a data URL of at most 800,000 characters (about 600 KB of JPEG once the base64 is counted)
export const MAX_DATA_URL = 800_000;
const START_SIDE = 1600;

async function decode(file: File): Promise<ImageBitmap | HTMLImageElement> {
  // createImageBitmap honours the photo's rotation (phones store portraits sideways, with an EXIF note)
  if (typeof createImageBitmap === "function") return createImageBitmap(file, { imageOrientation: "from-image" });
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function draw(img: ImageBitmap | HTMLImageElement, side: number, quality: number): string {
  const w = img.width;
  const h = img.height;
  const scale = Math.min(1, side / Math.max(w, h));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const g = canvas.getContext("2d");
  if (!g) throw new Error("canvas 2d is not available");
  // JPEG has no transparency: a white ground instead of black
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/jpeg", quality);
}

/** A photo from the camera as a JPEG data URL within the server's limit: smaller and plainer until it fits. */
export async function photoDataUrl(file: File): Promise<string> {
  const img = await decode(file);
  try {
    let side = START_SIDE;
    let quality = 0.8;
    for (let i = 0; i < 10; i++) {
      const url = draw(img, side, quality);
      if (url.length <= MAX_DATA_URL) return url;
      if (quality > 0.55) quality -= 0.1;
      else side = Math.round(side * 0.75);
    }
    throw new Error("photo too large");
  } finally {
    if ("close" in img) img.close();
  }
}
