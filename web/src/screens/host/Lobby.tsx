/**
 * The lobby on the big screen: how to join (link, code, QR) always whole and in view, and below it as many of the
 * players' names as fit, newest first, with the count and a "+N more" for the rest. Fits 3 players or 3,000 (the
 * server sends the newest 400, more than any screen holds). Each name opens its moderation: hide it from the big
 * screen, or remove the player. In a team game the names stand in their teams' columns (Teams.tsx), and the same
 * dialog moves a player to another team.
 */

import { useStore } from "@nanostores/react";
import { isLoopbackHost } from "@protocol/loopback";
import type { PlayerSummary } from "@protocol/values";
import { useState } from "react";
import { Title } from "../../components/Screen";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { useFitCount, useFitScale } from "./fit";
import { PlayerActionsDialog } from "./moderation";
import { PlayerChip } from "./PlayerChip";
import { QrCode } from "./Qr";
import { TeamLobby } from "./Teams";

/** More names than this never fit on one screen, however large; the list renders at most these. */
const MOST_NAMES = 400;

const messages = i18n("lobby", {
  howToJoin: "How to join",
  joinAt: "Join at",
  loopback:
    "Phones can't open this address: it is this computer's own. Connect this computer to the players' Wi-Fi, then restart the server.",
  withCode: "with game code",
  gameCode: "Game code",
  waiting: "Waiting for players…",
  playersIn: plural({ one: "{count} player in", other: "{count} players in" }),
  locked: "Locked",
  newest: "Newest players",
  players: "Players",
  act: "Hide or remove {name}",
  more: "+{count} more",
});

export function Lobby({ view, link, joinUrl }: { view: GameView; link: GameLink; joinUrl: string }) {
  const t = useStore(messages);
  const players = view.lobby.players ?? [];
  const count = view.lobby.playerCount;
  const [acting, setActing] = useState<PlayerSummary | null>(null);
  const shortUrl = joinUrl.replace(/^https?:\/\//, "");
  const stage = useFitScale<HTMLDivElement>(`${shortUrl}|${view.title ?? ""}|${view.locked}|${count > 0}`);
  return (
    <div className="stage stage-lobby" ref={stage}>
      <section className="join-card" aria-label={t.howToJoin}>
        <div className="join-text">
          <p className="join-step">{t.joinAt}</p>
          <p className="join-url">{shortUrl}</p>
          {onlyThisComputer(joinUrl) ? (
            <p className="join-warning" role="note">
              {t.loopback}
            </p>
          ) : null}
          <p className="join-step">{t.withCode}</p>
          <Title className="join-code">
            <span className="sr-only">{t.gameCode} </span>
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
          {count === 0 ? t.waiting : t.playersIn(count)}
          {view.locked ? <span className="badge badge-locked">{t.locked}</span> : null}
        </h2>
        {view.teams > 0 ? (
          <TeamLobby view={view} onAct={setActing} />
        ) : (
          <PlayerChips view={view} players={players} total={count} onAct={setActing} />
        )}
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
  const t = useStore(messages);
  const { ref, shown } = useFitCount<HTMLUListElement>(players.length, MOST_NAMES);
  // The server lists players in the order they joined; the newest are the ones a room looks for.
  const visible = shown > 0 ? players.slice(-shown).reverse() : [];
  const more = total - visible.length;
  return (
    <ul className="player-chips" ref={ref} aria-label={more > 0 ? t.newest : t.players}>
      {visible.map((p) => (
        <PlayerChip key={p.id} view={view} player={p} actions={t.act} onAct={onAct} />
      ))}
      {more > 0 ? <li className="chip chip-more">{fill(t.more, { count: formatNumber(more) })}</li> : null}
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
