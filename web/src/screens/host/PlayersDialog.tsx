/**
 * The player list, reachable at any moment of the game (Players in the control bar, L, or the remote): find anyone by
 * name, hide a name from the big screen or show it again, remove a player (asked first; it also bans their device).
 *
 * The whole list is fetched when the panel opens (and on Refresh), never pushed on every change, so it works the
 * same with 30 players or 3,000; the panel draws the first hundred that match and says how many more there are.
 * Hidden names are blurred on the big screen (the room can see this panel) and plain on a remote in the host's hand.
 */
import type { PlayerListEntry } from "@protocol/values";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHidden, ordinal } from "../../lib/game";
import { Dialog } from "./Dialog";
import { RemoveButton, shownName } from "./moderation";
import "./players.css";

/** More rows than this are never drawn at once: the search narrows them. */
const MOST_ROWS = 100;

/** Lower case without accents, so "zoe" finds "Zoë". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function PlayersPanel({ view, link, onBigScreen }: { view: GameView; link: GameLink; onBigScreen: boolean }) {
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
            .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }))
        : null,
    [list],
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
          Find a player
        </label>
        <input
          ref={search}
          id={`${id}-q`}
          className="input players-search"
          type="search"
          placeholder="Find a player"
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
          Refresh
        </button>
      </div>
      <p className="calm players-count" role="status">
        {list === null
          ? "Loading the players…"
          : `${inList.toLocaleString("en")} ${inList === 1 ? "player" : "players"}` +
            (wanted ? ` · ${matching.length.toLocaleString("en")} found` : "") +
            (matching.length > rows.length ? ` · showing the first ${rows.length}: type to narrow it down` : "") +
            (joinedSince > 0 ? ` · ${joinedSince.toLocaleString("en")} joined since: refresh to see them` : "")}
      </p>
      {list !== null && rows.length === 0 ? (
        <p className="calm">{wanted ? "Nobody by that name." : "Nobody has joined yet."}</p>
      ) : null}
      <ul className="players-list" aria-label="Players">
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
  const hidden = isHidden(view, player.id);
  const offline = link.status !== "open";
  const started = view.phase !== "lobby";
  return (
    <li className={`player-row${hidden ? " is-hidden" : ""}`}>
      <div className="player-row-who">
        <span className={`player-row-name${hidden && onBigScreen ? " blurred" : ""}`}>{player.name}</span>
        {hidden ? <span className="badge badge-hidden">Hidden</span> : null}
        <span className="player-row-meta">
          {started ? `${ordinal(player.rank)} · ${player.score.toLocaleString("en")} points · ` : ""}
          {player.connected ? "online" : "offline"}
        </span>
      </div>
      <div className="player-row-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={offline}
          aria-label={`${hidden ? "Show name" : "Hide name"} of ${player.name}`}
          onClick={() => link.send({ type: hidden ? "unhideName" : "hideName", playerId: player.id })}
        >
          {hidden ? "Show name" : "Hide name"}
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
  return (
    <Dialog open={open} onClose={onClose} title="Players" className="players-dialog">
      <PlayersPanel view={view} link={link} onBigScreen />
    </Dialog>
  );
}
