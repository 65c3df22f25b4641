/**
 * Joining as a player: the code (filled in from /join/123456), a name or a suggested one that can be re-rolled.
 * The game is looked up as soon as a code is known, so "no such game" or "locked" shows before anyone types a name.
 */

import { type GameInfo, LIMITS } from "@protocol/values";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Screen, Title } from "../components/Screen";
import { ApiError, extractCode, gameInfo, joinGame } from "../lib/api";
import { messageFor } from "../lib/errors";
import { suggestName } from "../lib/names";
import { navigate } from "../lib/router";
import { seats } from "../lib/storage";

type Lookup =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "ok"; info: GameInfo }
  | { state: "error"; message: string };

function whyNotJoinable(info: GameInfo): string | null {
  if (info.phase === "finished") return messageFor("game_finished");
  if (info.locked) return messageFor("game_locked");
  if (!info.joinable) return messageFor("game_full");
  return null;
}

export function Join({ initialCode }: { initialCode: string | null }) {
  const id = useId();
  const [codeInput, setCodeInput] = useState(initialCode ?? "");
  const code = extractCode(codeInput);
  const [name, setName] = useState("");
  const [suggested, setSuggested] = useState(() => seats.lastName() ?? suggestName());
  const [lookup, setLookup] = useState<Lookup>({ state: "idle" });
  const [error, setError] = useState<{ message: string; field: "code" | "name" | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = code ? seats.player(code) : null;

  useEffect(() => {
    if (!code) {
      setLookup({ state: "idle" });
      return;
    }
    let live = true;
    setLookup({ state: "loading" });
    gameInfo(code)
      .then((info) => live && setLookup({ state: "ok", info }))
      .catch(
        (err: unknown) =>
          live && setLookup({ state: "error", message: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
  }, [code]);

  const blocked =
    lookup.state === "error" ? lookup.message : lookup.state === "ok" ? whyNotJoinable(lookup.info) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code) {
      setError({ message: "Enter the six-digit code from the host's screen.", field: "code" });
      return;
    }
    const chosen = name.trim() || suggested;
    if ([...chosen].length > LIMITS.nameLength) {
      setError({ message: `A name is at most ${LIMITS.nameLength} characters.`, field: "name" });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const seat = await joinGame(code, chosen);
      seats.setPlayer(code, { token: seat.playerToken, playerId: seat.playerId, name: seat.name });
      if (!name.trim()) seats.setLastName(chosen);
      navigate(`/play/${code}`);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : null;
      const field =
        apiError?.code === "name_taken" || apiError?.code === "name_not_allowed" || apiError?.fields.includes("name")
          ? "name"
          : apiError?.code === "game_not_found"
            ? "code"
            : null;
      setError({ message: err instanceof Error ? err.message : String(err), field });
      setBusy(false);
    }
  };

  return (
    <Screen className="join">
      <Title>Join a game</Title>
      {lookup.state === "ok" && lookup.info.title ? <p className="lede">{lookup.info.title}</p> : null}
      {existing ? (
        <div className="panel panel-resume">
          <p>
            This device is already in game {code} as <strong>{existing.name}</strong>.
          </p>
          <button type="button" className="btn btn-primary btn-block" onClick={() => navigate(`/play/${code}`)}>
            Continue as {existing.name}
          </button>
        </div>
      ) : null}
      <form className="panel join-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>Game code</label>
          <input
            id={`${id}-code`}
            className="input input-code"
            inputMode="numeric"
            autoComplete="off"
            value={codeInput}
            onChange={(e) => {
              setCodeInput(e.target.value);
              setError(null);
            }}
            aria-invalid={error?.field === "code" || blocked ? true : undefined}
            aria-describedby={`${id}-status`}
          />
          <p id={`${id}-status`} className={blocked ? "field-error" : "field-hint"} role="status">
            {lookup.state === "loading"
              ? "Looking for the game…"
              : blocked
                ? blocked
                : lookup.state === "ok"
                  ? `Game found: ${lookup.info.playerCount} ${lookup.info.playerCount === 1 ? "player" : "players"} in ${lookup.info.phase === "lobby" ? "the lobby" : "the game"}.`
                  : ""}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input
            id={`${id}-name`}
            className="input"
            autoComplete="nickname"
            maxLength={LIMITS.nameLength * 2}
            placeholder={suggested}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            aria-invalid={error?.field === "name" ? true : undefined}
            aria-describedby={`${id}-namehint${error?.field === "name" ? ` ${id}-err` : ""}`}
          />
          <div className="suggest-row">
            <p id={`${id}-namehint`} className="field-hint">
              Leave it empty to play as <strong>{suggested}</strong>.
            </p>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setSuggested((s) => suggestName(Math.random, s))}
            >
              Another name
            </button>
          </div>
        </div>
        {error ? (
          <p id={`${id}-err`} className="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={busy}>
          {busy ? "Joining…" : name.trim() ? "Join" : `Join as ${suggested}`}
        </button>
      </form>
    </Screen>
  );
}
