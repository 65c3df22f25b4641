/** Full screen for the big screen (the whole page, so the control bar stays), following the browser's own state. */
import { useCallback, useEffect, useState } from "react";

export function useFullscreen(): { supported: boolean; active: boolean; toggle: () => void } {
  const supported = typeof document !== "undefined" && document.fullscreenEnabled === true;
  const [active, setActive] = useState(() => typeof document !== "undefined" && !!document.fullscreenElement);
  useEffect(() => {
    const sync = () => setActive(!!document.fullscreenElement);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    // Refused without a user gesture or by policy: the button stays as it was, nothing breaks.
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  }, []);
  return { supported, active, toggle };
}
