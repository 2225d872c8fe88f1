import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote } from "../../components/Screen.tsx";
import { photoDataUrl } from "../../lib/photo.ts";

/**
 * An optional photo from the back camera (the door plate, say), made small enough for the server (JPEG, ≤ 600 KB).
 * The file input itself is hidden: a large button opens it, as a plain file input's text is small and unlabelled.
 */
export function PhotoPicker({ photo, onPhoto }: { photo: string | null; onPhoto: (dataUrl: string | null) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const chosen = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      onPhoto(await photoDataUrl(file));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };
  return (
    <div className="stack photo-picker">
      <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={(e) => void chosen(e.target.files?.[0])} data-testid="photo-input" />
      {photo && <img src={photo} alt={t("job.photo.alt")} className="photo-preview" data-testid="photo-preview" />}
      {failed && <ErrorNote message={t("job.photo.failed")} />}
      <button type="button" className="btn btn-secondary btn-block" disabled={busy} onClick={() => input.current?.click()} data-testid="photo-take">
        <Icon name="camera" /> {busy ? t("job.photo.busy") : photo ? t("job.photo.retake") : t("job.photo.take")}
      </button>
      {photo && (
        <button type="button" className="btn btn-secondary btn-block" onClick={() => onPhoto(null)} data-testid="photo-remove">
          {t("job.photo.remove")}
        </button>
      )}
    </div>
  );
}
