/**
 * A phone's sounds, mounted only while its player has sound on. This module (with the synthesizer) is its own
 * chunk, fetched when sound is first turned on, so a phone that never wants sound never downloads it.
 */
import { useEffect, useState } from "react";
import type { ServerClock } from "../lib/clock";
import type { GameView } from "../lib/game";
import { Synth } from "./synth";
import { useGameSounds } from "./useGameSounds";

export default function PlayerSound({
  view,
  clock,
  greet,
}: {
  view: GameView | null;
  clock: ServerClock;
  /** Play a short chime at once, so a player who just turned sound on hears that it works. */
  greet: boolean;
}) {
  const [synth, setSynth] = useState<Synth | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one synthesizer for as long as sound is on
  useEffect(() => {
    const s = new Synth(false);
    if (greet) s.playWhenReady("hello");
    setSynth(s);
    return () => s.dispose();
  }, []);
  useGameSounds(synth, view, clock, "player");
  return null;
}
