import { useEffect, useRef, useState } from "react";
import type { AlarmEvent } from "../../api/alarms.ts";

export type StreamState = "connecting" | "open" | "closed";

/** Seconds before a stream the server refused (a 401, a restart) is opened again; the browser retries other drops itself. */
const REOPEN_AFTER_MS = 5000;

/**
 * Follows GET /api/v1/alarms/stream (Server-Sent Events, same-origin cookie): `onAlarm` for each alarm raised, grouped
 * or updated in the user's region, `onReady` each time the stream (re)opens — the moment to refetch what a gap may
 * have missed. Returns the connection's state for the page to show.
 */
export function useAlarmStream(onAlarm: (e: AlarmEvent) => void, onReady: () => void): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  // the latest handlers, without reopening the stream when they change
  const handlers = useRef({ onAlarm, onReady });
  handlers.current = { onAlarm, onReady };

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      setState("connecting");
      source = new EventSource("/api/v1/alarms/stream");
      source.addEventListener("ready", () => {
        setState("open");
        handlers.current.onReady();
      });
      source.addEventListener("alarm", (m: MessageEvent<string>) => {
        try {
          handlers.current.onAlarm(JSON.parse(m.data) as AlarmEvent);
        } catch {
          // a malformed event: the periodic refetch still shows the queue as it is
        }
      });
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setState("connecting");
          return;
        }
        // the browser gave up (an error status): open a new stream a little later
        setState("closed");
        source = null;
        if (!stopped) timer = setTimeout(open, REOPEN_AFTER_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);
  return state;
}
