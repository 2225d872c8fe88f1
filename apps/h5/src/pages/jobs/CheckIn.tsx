import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../../api/client.ts";
import { type Order, useTransition } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote } from "../../components/Screen.tsx";
import { currentPosition, GeoError, type GeoProblem } from "../../lib/geo.ts";
import { PhotoPicker } from "./PhotoPicker.tsx";

/**
 * 签到 at the door: the phone's position (high accuracy) goes to the server, which checks it against the home. A
 * refusal shows how far away the worker is in big figures, with the server's own sentence; no pop-up.
 */
export function CheckIn({ order, withPhoto = false, primary = true }: { order: Order; withPhoto?: boolean; primary?: boolean }) {
  const { t } = useTranslation();
  const checkIn = useTransition(order.id);
  const [locating, setLocating] = useState(false);
  const [geo, setGeo] = useState<GeoProblem | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);

  const go = async () => {
    setGeo(null);
    checkIn.reset();
    setLocating(true);
    try {
      const p = await currentPosition();
      checkIn.mutate({ action: "check_in", lat: p.lat, lng: p.lng, accuracy: Math.min(p.accuracy, 100_000), ...(photo ? { photo } : {}) });
    } catch (e) {
      setGeo(e instanceof GeoError ? e.problem : "unavailable");
    } finally {
      setLocating(false);
    }
  };

  const refusal = checkIn.error instanceof ApiError ? checkIn.error.problem : null;
  const far = refusal?.distanceMeters !== undefined ? refusal : null;
  return (
    <div className="stack" data-testid="check-in">
      {withPhoto && <PhotoPicker photo={photo} onPhoto={setPhoto} />}
      {far && (
        <div className="alert" role="alert" data-testid="check-in-refused">
          <p>
            <Icon name="warning" /> <strong>{t("job.checkIn.refused")}</strong>
          </p>
          <p className="distance" data-testid="check-in-distance">
            {t("job.checkIn.distance", { distance: far.distanceMeters })}
          </p>
          <p>{t("job.checkIn.fence", { fence: far.geofenceMeters })}</p>
          <p lang="zh-CN">{far.detail}</p>
        </div>
      )}
      {checkIn.isError && !far && <ErrorNote message={errorText(checkIn.error)} testId="check-in-error" />}
      {geo && <ErrorNote message={t(`job.geo.${geo}`)} testId="check-in-geo" />}
      <button type="button" className={`btn ${primary ? "btn-primary btn-main" : "btn-secondary btn-block"}`} disabled={locating || checkIn.isPending} onClick={() => void go()} data-testid="check-in-submit">
        <Icon name="pin" /> {locating ? t("job.checkIn.locating") : checkIn.isPending ? t("app.sending") : far ? t("job.checkIn.again") : t("job.checkIn.submit")}
      </button>
    </div>
  );
}
