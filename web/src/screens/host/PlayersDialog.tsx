/**
 * The player list, reachable at any moment of the game (Players in the control bar, L, or the remote): find anyone by
 * name, hide a name from the big screen or show it again, remove a player (asked first; it also bans their device).
 *
 * The whole list is fetched when the panel opens (and on Refresh), never pushed on every change, so it works the
 * same with 30 players or 3,000; the panel draws the first hundred that match and says how many more there are.
 * Hidden names are blurred on the big screen (the room can see this panel) and plain on a remote in the host's hand.
 */

import { useStore } from "@nanostores/react";
import type { PlayerListEntry } from "@protocol/values";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { TeamBadge } from "../../components/Team";
import { fill, formatNumber, i18n, locale, plural } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHidden, ordinal } from "../../lib/game";
import { assignmentProgress } from "./Assignment";
import { Dialog } from "./Dialog";
import { RemoveButton, shownName } from "./moderation";
import "./players.css";

const messages = i18n("playersPanel", {
  find: "Find a player",
  refresh: "Refresh",
  loading: "Loading the players…",
  count: plural({ one: "{count} player", other: "{count} players" }),
  found: " · {count} found",
  first: " · showing the first {count}: type to narrow it down",
  joinedSince: " · {count} joined since: refresh to see them",
  nobodyByName: "Nobody by that name.",
  nobodyYet: "Nobody has joined yet.",
  players: "Players",
  hidden: "Hidden",
  standing: plural({ one: "{place} · {count} point · ", other: "{place} · {count} points · " }),
  progressStanding: plural({ one: "{progress} · {count} point · ", other: "{progress} · {count} points · " }),
  online: "online",
  offline: "offline",
  showNameOf: "Show name of {name}",
  hideNameOf: "Hide name of {name}",
  showName: "Show name",
  hideName: "Hide name",
});

/** More rows than this are never drawn at once: the search narrows them. */
const MOST_ROWS = 100;

/** Lower case without accents, so "zoe" finds "Zoë". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function PlayersPanel({ view, link, onBigScreen }: { view: GameView; link: GameLink; onBigScreen: boolean }) {
  const t = useStore(messages);
  const language = useStore(locale);
  const id = useId();
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const offline = link.status !== "open";
  // On the big screen the host came to find someone: the search has the focus. A phone keeps its keyboard down.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on opening only
  useEffect(() => {
    if (onBigScreen) search.current?.focus();
  }, []);
  // Fetched each time the panel opens (it is mounted only while open), or once the link is back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening (and reconnection); Refresh asks again
  useEffect(() => {
    if (!offline) link.send({ type: "players" });
  }, [offline]);
  const list = view.playerList?.players ?? null;
  const sorted = useMemo(
    () =>
      list
        ? [...list]
            .map((p) => ({ ...p, key: folded(p.name) }))
            .sort((a, b) => a.name.localeCompare(b.name, language, { sensitivity: "base" }))
        : null,
    [list, language],
  );
  const wanted = folded(query.trim());
  const matching = sorted?.filter((p) => !removed.has(p.id) && (!wanted || p.key.includes(wanted))) ?? [];
  const rows = matching.slice(0, MOST_ROWS);
  const inList = (sorted?.length ?? 0) - removed.size;
  const joinedSince = list ? view.lobby.playerCount - inList : 0;
  return (
    <div className="players-panel">
      <div className="players-tools">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t.find}
        </label>
        <input
          ref={search}
          id={`${id}-q`}
          className="input players-search"
          type="search"
          placeholder={t.find}
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={offline}
          onClick={() => {
            setRemoved(new Set());
            link.send({ type: "players" });
          }}
        >
          {t.refresh}
        </button>
      </div>
      <p className="calm players-count" role="status">
        {list === null
          ? t.loading
          : t.count(inList) +
            (wanted ? fill(t.found, { count: formatNumber(matching.length) }) : "") +
            (matching.length > rows.length ? fill(t.first, { count: formatNumber(rows.length) }) : "") +
            (joinedSince > 0 ? fill(t.joinedSince, { count: formatNumber(joinedSince) }) : "")}
      </p>
      {list !== null && rows.length === 0 ? <p className="calm">{wanted ? t.nobodyByName : t.nobodyYet}</p> : null}
      <ul className="players-list" aria-label={t.players}>
        {rows.map((p) => (
          <PlayerRow
            key={p.id}
            player={p}
            view={view}
            link={link}
            onBigScreen={onBigScreen}
            onRemoved={() => setRemoved((was) => new Set([...was, p.id]))}
          />
        ))}
      </ul>
    </div>
  );
}

function PlayerRow({
  player,
  view,
  link,
  onBigScreen,
  onRemoved,
}: {
  player: PlayerListEntry;
  view: GameView;
  link: GameLink;
  onBigScreen: boolean;
  onRemoved: () => void;
}) {
  // The live moderation state, not the list's copy: a hide from the remote shows here at once.
  const t = useStore(messages);
  const hidden = isHidden(view, player.id);
  const offline = link.status !== "open";
  const started = view.phase !== "lobby";
  return (
    <li className={`player-row${hidden ? " is-hidden" : ""}`}>
      <div className="player-row-who">
        <span className={`player-row-name${hidden && onBigScreen ? " blurred" : ""}`}>{player.name}</span>
        {hidden ? <span className="badge badge-hidden">{t.hidden}</span> : null}
        {player.team === undefined ? null : <TeamBadge team={player.team} className="player-row-team" />}
        <span className="player-row-meta">
          {player.progress
            ? t.progressStanding(player.score, { progress: assignmentProgress(player.progress, view.questionCount) })
            : started
              ? t.standing(player.score, { place: ordinal(player.rank) })
              : ""}
          {player.connected ? t.online : t.offline}
        </span>
      </div>
      <div className="player-row-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={offline}
          aria-label={fill(hidden ? t.showNameOf : t.hideNameOf, { name: player.name })}
          onClick={() => link.send({ type: hidden ? "unhideName" : "hideName", playerId: player.id })}
        >
          {hidden ? t.showName : t.hideName}
        </button>
        <RemoveButton
          name={onBigScreen ? shownName(view, player.id, player.name) : player.name}
          disabled={offline}
          onRemove={() => {
            link.send({ type: "kick", playerId: player.id });
            onRemoved();
          }}
        />
      </div>
    </li>
  );
}

/** The list as a dialog over the big screen. */
export function PlayersDialog({
  open,
  onClose,
  view,
  link,
}: {
  open: boolean;
  onClose: () => void;
  view: GameView;
  link: GameLink;
}) {
  const t = useStore(messages);
  return (
    <Dialog open={open} onClose={onClose} title={t.players} className="players-dialog">
      <PlayersPanel view={view} link={link} onBigScreen />
    </Dialog>
  );
}
