/**
 * Joining as a player: the code (filled in from /join/123456), a name or a suggested one that can be re-rolled.
 * The game is looked up as soon as a code is known, so "no such game" or "locked" shows before anyone types a name.
 */

import { useStore } from "@nanostores/react";
import { type GameInfo, LIMITS } from "@protocol/values";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Screen, Title } from "../components/Screen";
import { fill, i18n, plural } from "../i18n";
import { Rich } from "../i18n/Rich";
import { ApiError, extractCode, gameInfo, joinGame } from "../lib/api";
import { messageFor } from "../lib/errors";
import { suggestName } from "../lib/names";
import { navigate } from "../lib/router";
import { seats } from "../lib/storage";

const messages = i18n("join", {
  title: "Join a game",
  codeMissing: "Enter the six-digit code from the host's screen.",
  nameTooLong: "A name is at most {max} characters.",
  alreadyIn: "This device is already in game {code} as {name}.",
  continueAs: "Continue as {name}",
  codeLabel: "Game code",
  looking: "Looking for the game…",
  foundLobby: plural({
    one: "Game found: {count} player in the lobby.",
    other: "Game found: {count} players in the lobby.",
  }),
  foundAssignment: plural({
    one: "Assignment found: {count} question, at your own pace.",
    other: "Assignment found: {count} questions, at your own pace.",
  }),
  foundPlaying: plural({
    one: "Game found: {count} player in the game.",
    other: "Game found: {count} players in the game.",
  }),
  nameLabel: "Your name",
  leaveEmpty: "Leave it empty to play as {name}.",
  anotherName: "Another name",
  joining: "Joining…",
  join: "Join",
  joinAs: "Join as {name}",
});

type Lookup =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "ok"; info: GameInfo }
  | { state: "error"; message: string };

function whyNotJoinable(info: GameInfo): string | null {
  if (info.mode === "self-paced" && !info.joinable && !info.locked) return messageFor("assignment_closed");
  if (info.phase === "finished") return messageFor("game_finished");
  if (info.locked) return messageFor("game_locked");
  if (!info.joinable) return messageFor("game_full");
  return null;
}

export function Join({ initialCode }: { initialCode: string | null }) {
  const t = useStore(messages);
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
      setError({ message: t.codeMissing, field: "code" });
      return;
    }
    const chosen = name.trim() || suggested;
    if ([...chosen].length > LIMITS.nameLength) {
      setError({ message: fill(t.nameTooLong, { max: LIMITS.nameLength }), field: "name" });
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
      <Title>{t.title}</Title>
      {lookup.state === "ok" && lookup.info.title ? <p className="lede">{lookup.info.title}</p> : null}
      {existing ? (
        <div className="panel panel-resume">
          <p>
            <Rich text={t.alreadyIn} values={{ code, name: <strong>{existing.name}</strong> }} />
          </p>
          <button type="button" className="btn btn-primary btn-block" onClick={() => navigate(`/play/${code}`)}>
            {fill(t.continueAs, { name: existing.name })}
          </button>
        </div>
      ) : null}
      <form className="panel join-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t.codeLabel}</label>
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
              ? t.looking
              : blocked
                ? blocked
                : lookup.state === "ok"
                  ? lookup.info.mode === "self-paced"
                    ? t.foundAssignment(lookup.info.questionCount)
                    : (lookup.info.phase === "lobby" ? t.foundLobby : t.foundPlaying)(lookup.info.playerCount)
                  : ""}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t.nameLabel}</label>
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
              <Rich text={t.leaveEmpty} values={{ name: <strong>{suggested}</strong> }} />
            </p>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setSuggested((s) => suggestName(Math.random, s))}
            >
              {t.anotherName}
            </button>
          </div>
        </div>
        {error ? (
          <p id={`${id}-err`} className="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={busy}>
          {busy ? t.joining : name.trim() ? t.join : fill(t.joinAs, { name: suggested })}
        </button>
      </form>
    </Screen>
  );
}
