/**
 * The big screen's sound: on unless this device was muted before (remembered in localStorage), started by the
 * host's first click or key press when the browser has not allowed it yet.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { ServerClock } from "../lib/clock";
import type { GameView } from "../lib/game";
import { soundSetting } from "../lib/storage";
import { Synth } from "./synth";
import { useGameSounds } from "./useGameSounds";

const noSubscription = () => () => {};

export interface HostSound {
  on: boolean;
  toggle: () => void;
  /** Sound is on but the browser has not let it start yet: the first click or key press will. */
  blocked: boolean;
}

export function useHostSound(view: GameView | null, clock: ServerClock): HostSound {
  const [on, setOn] = useState(() => soundSetting.on("host"));
  const [synth, setSynth] = useState<Synth | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one synthesizer for the screen's life; `on` follows below
  useEffect(() => {
    const s = new Synth(!on);
    setSynth(s);
    return () => s.dispose();
  }, []);
  useEffect(() => synth?.setMuted(!on), [synth, on]);
  const blocked = useSyncExternalStore(synth?.subscribe ?? noSubscription, () => synth?.blocked ?? false);
  useGameSounds(synth, view, clock, "host");
  const toggle = useCallback(() => {
    setOn((was) => {
      soundSetting.set("host", !was);
      return !was;
    });
  }, []);
  return { on, toggle, blocked };
}
