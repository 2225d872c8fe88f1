import { useCallback, useEffect, useState } from "react";

/** One piece to speak, in its own language (the UI's words and the server's Chinese sentences may differ). */
export interface Spoken {
  text: string;
  lang: string;
}

export const canSpeak = (): boolean => typeof window !== "undefined" && "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";

/** Reads pieces aloud with the browser's speech synthesis; `speaking` drives the button's label. */
export function useSpeech() {
  const [speaking, setSpeaking] = useState(false);
  const stop = useCallback(() => {
    if (!canSpeak()) return;
    window.speechSynthesis.cancel();
    setSpeaking(false);
  }, []);
  const speak = useCallback((pieces: Spoken[]) => {
    if (!canSpeak() || pieces.length === 0) return;
    window.speechSynthesis.cancel();
    pieces.forEach((p, i) => {
      const u = new SpeechSynthesisUtterance(p.text);
      u.lang = p.lang;
      // slower than the default: easier to follow
      u.rate = 0.85;
      if (i === pieces.length - 1) {
        u.onend = () => setSpeaking(false);
        u.onerror = () => setSpeaking(false);
      }
      window.speechSynthesis.speak(u);
    });
    setSpeaking(true);
  }, []);
  // leaving the screen stops the voice
  useEffect(() => () => (canSpeak() ? window.speechSynthesis.cancel() : undefined), []);
  return { speaking, speak, stop, available: canSpeak() };
}
