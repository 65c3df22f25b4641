/**
 * The lobby on the big screen: how to join (link, code, QR) always whole and in view, and below it as many of the
 * players' names as fit, newest first, with the count and a "+N more" for the rest. Fits 3 players or 3,000 (the
 * server sends the newest 400, more than any screen holds). Each name opens its moderation: hide it from the big
 * screen, or remove the player.
 */
import { isLoopbackHost } from "@protocol/loopback";
import type { PlayerSummary } from "@protocol/values";
import { useState } from "react";
import { Title } from "../../components/Screen";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHidden } from "../../lib/game";
import { useFitCount, useFitScale } from "./fit";
import { PlayerActionsDialog, shownName } from "./moderation";
import { QrCode } from "./Qr";

/** More names than this never fit on one screen, however large; the list renders at most these. */
const MOST_NAMES = 400;

export function Lobby({ view, link, joinUrl }: { view: GameView; link: GameLink; joinUrl: string }) {
  const players = view.lobby.players ?? [];
  const count = view.lobby.playerCount;
  const [acting, setActing] = useState<PlayerSummary | null>(null);
  const shortUrl = joinUrl.replace(/^https?:\/\//, "");
  const stage = useFitScale<HTMLDivElement>(`${shortUrl}|${view.title ?? ""}|${view.locked}|${count > 0}`);
  return (
    <div className="stage stage-lobby" ref={stage}>
      <section className="join-card" aria-label="How to join">
        <div className="join-text">
          <p className="join-step">Join at</p>
          <p className="join-url">{shortUrl}</p>
          {onlyThisComputer(joinUrl) ? (
            <p className="join-warning" role="note">
              Phones can't open this address: it is this computer's own. Connect this computer to the players' Wi-Fi,
              then restart the server.
            </p>
          ) : null}
          <p className="join-step">with game code</p>
          <Title className="join-code">
            <span className="sr-only">Game code </span>
            {view.code.slice(0, 3)}
            <span className="code-gap" aria-hidden="true" />
            {view.code.slice(3)}
          </Title>
          {view.title ? <p className="game-title">{view.title}</p> : null}
        </div>
        <QrCode text={joinUrl} />
      </section>
      <section className="lobby-players" aria-labelledby="lobby-count">
        <h2 id="lobby-count" className="section-title" aria-live="polite">
          {count === 0
            ? "Waiting for players…"
            : `${count.toLocaleString("en")} ${count === 1 ? "player" : "players"} in`}
          {view.locked ? <span className="badge badge-locked">Locked</span> : null}
        </h2>
        <PlayerChips view={view} players={players} total={count} onAct={setActing} />
      </section>
      <PlayerActionsDialog player={acting} view={view} link={link} onClose={() => setActing(null)} />
    </div>
  );
}

function PlayerChips({
  view,
  players,
  total,
  onAct,
}: {
  view: GameView;
  players: PlayerSummary[];
  total: number;
  onAct: (p: PlayerSummary) => void;
}) {
  const { ref, shown } = useFitCount<HTMLUListElement>(players.length, MOST_NAMES);
  // The server lists players in the order they joined; the newest are the ones a room looks for.
  const visible = shown > 0 ? players.slice(-shown).reverse() : [];
  const more = total - visible.length;
  return (
    <ul className="player-chips" ref={ref} aria-label={more > 0 ? "Newest players" : "Players"}>
      {visible.map((p) => {
        const name = shownName(view, p.id, p.name);
        return (
          <li
            key={p.id}
            className={`chip${p.connected ? "" : " offline"}${isHidden(view, p.id) ? " hidden-name" : ""}`}
          >
            <span className="chip-name">{name}</span>
            {p.connected ? null : <span className="sr-only"> (offline)</span>}
            <button type="button" className="chip-act" onClick={() => onAct(p)} aria-label={`Hide or remove ${name}`}>
              <span aria-hidden="true">⋯</span>
            </button>
          </li>
        );
      })}
      {more > 0 ? <li className="chip chip-more">+{more.toLocaleString("en")} more</li> : null}
    </ul>
  );
}

/** A join link on localhost or 127.0.0.1: `npm start` found no network address for this machine. */
function onlyThisComputer(joinUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(joinUrl).hostname);
  } catch {
    return false;
  }
}
