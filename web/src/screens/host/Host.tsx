/**
 * The host's big screen: lobby with code + QR, each question's "get ready" lead-in, the question, the reveal with its
 * chart and leaderboard, the final podium; the player list and the remote pairing over it. Loaded only when someone hosts, so players never download it. Readable from the back of a room: large
 * type, strong contrast; every control is a real button reachable from the keyboard, and has a key of its own.
 *
 * The screen is exactly the window: a top bar, the stage, the control bar. Each stage scales its text to fit
 * (fit.ts), so nothing ever scrolls or sits under the controls, from 1280×720 to 3840×2160.
 */
import { useStore } from "@nanostores/react";
import { useEffect, useState } from "react";
import { ConnectionBanner, NoticeToast } from "../../components/Banner";
import { Screen, Title } from "../../components/Screen";
import { fill, i18n, plural } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import { useGameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { seats } from "../../lib/storage";
import { gameTitle, spacedCode, useDocumentTitle } from "../../lib/title";
import { useHostSound } from "../../sound/useHostSound";
import { AssignmentStage } from "./Assignment";
import { hostActions } from "./actions";
import { Controls, HelpDialog } from "./Controls";
import { Final } from "./Final";
import { useFullscreen } from "./fullscreen";
import { categoryLabels, joinUrlFor } from "./hostApi";
import { Lobby } from "./Lobby";
import { PlayersDialog } from "./PlayersDialog";
import { QuestionStage } from "./QuestionStage";
import { ReadyStage } from "./ReadyStage";
import { RemoteDialog } from "./RemoteDialog";
import { RevealStage } from "./RevealStage";
import { useShortcuts } from "./shortcuts";
import "./host.css";

// The home screen's "Bring your own quiz" loads this chunk for the panel; hosts need the rest of it next anyway.
export { QuizPanel } from "./QuizPanel";

const messages = i18n("host", {
  notYours: "Not your game",
  notYoursText:
    "This browser is not the host of game {code}. Hosts come back to their game from the browser that created it.",
  joinAsPlayer: "Join as a player",
  hostNew: "Host a new game",
  code: "Code",
  players: plural({ one: "{count} player", other: "{count} players" }),
  unavailable: "Game unavailable",
  opening: "Opening game {code}…",
});

export default function Host({ code }: { code: string }) {
  const t = useStore(messages);
  const [seat] = useState(() => seats.host(code));
  const link = useGameLink(code, seat?.token ?? null);
  // Fetched ahead, so the first bank question already shows its category's name.
  useEffect(() => {
    void categoryLabels();
  }, []);
  useEffect(() => {
    if (link.fatal && link.fatal.code !== "kicked") seats.setHost(code, null);
  }, [link.fatal, code]);
  if (!seat) {
    return (
      <Screen className="host-message">
        <div className="center-stack">
          <Title>{t.notYours}</Title>
          <p className="big-message">{fill(t.notYoursText, { code })}</p>
          <a className="btn btn-primary" href={`/join/${code}`}>
            {t.joinAsPlayer}
          </a>
          <a className="btn btn-ghost" href="/">
            {t.hostNew}
          </a>
        </div>
      </Screen>
    );
  }
  return (
    <HostGame
      link={link}
      code={code}
      hostToken={seat.token}
      joinUrl={seat.joinUrl && !import.meta.env.VITE_API_ORIGIN ? seat.joinUrl : joinUrlFor(code)}
    />
  );
}

export function HostGame({
  link,
  code,
  joinUrl,
  hostToken,
}: {
  link: GameLink;
  code: string;
  joinUrl: string;
  hostToken: string;
}) {
  const t = useStore(messages);
  const { view, status, fatal, notice, clearNotice } = link;
  // An assignment plays on the phones, not here: no lobby music, no ticking.
  const sound = useHostSound(fatal || view?.assignment ? null : view, link.clock);
  const fullscreen = useFullscreen();
  const [help, setHelp] = useState(false);
  const [standings, setStandings] = useState(false);
  const [players, setPlayers] = useState(false);
  const [remote, setRemote] = useState(false);
  // An assignment has no questions to run from here: no Start, Next or Pause (nor their keys).
  const actions = view && !view.assignment ? hostActions(view, link) : null;
  const playing = view !== null && !fatal;
  useShortcuts({
    next: actions?.primary?.disabled ? undefined : actions?.primary?.run,
    pause: actions?.pause?.disabled ? undefined : actions?.pause?.run,
    fullscreen: fullscreen.supported ? fullscreen.toggle : undefined,
    mute: sound.toggle,
    players: playing ? () => setPlayers(true) : undefined,
    // An assignment has nothing to drive from a phone in the room.
    remote: playing && view.phase !== "finished" && !view.assignment ? () => setRemote(true) : undefined,
    help: () => setHelp((open) => !open),
  });
  useDocumentTitle(gameTitle(fatal ? null : view, code));
  return (
    <Screen
      className="host"
      headerRight={
        view ? (
          <div className="host-pill">
            <span>{t.code}</span> <strong>{spacedCode(code)}</strong>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t.players(view.lobby.playerCount)}</span>
          </div>
        ) : null
      }
      footer={
        view && actions && !fatal && !view.assignment ? (
          <Controls
            view={view}
            link={link}
            actions={actions}
            sound={sound}
            fullscreen={fullscreen}
            onHelp={() => setHelp(true)}
            onStandings={() => setStandings(true)}
            onPlayers={() => setPlayers(true)}
            onRemote={() => setRemote(true)}
          />
        ) : null
      }
    >
      {fatal ? null : <ConnectionBanner status={status} />}
      <NoticeToast notice={notice} onDismiss={clearNotice} />
      {fatal ? (
        <div className="center-stack">
          <Title>{t.unavailable}</Title>
          <p className="big-message">{fatal.message}</p>
          <a className="btn btn-primary" href="/">
            {t.hostNew}
          </a>
        </div>
      ) : !view ? (
        <div className="center-stack">
          <Title>{fill(t.opening, { code })}</Title>
          <span className="spinner spinner-large" aria-hidden="true" />
        </div>
      ) : view.assignment ? (
        <AssignmentStage
          view={view}
          link={link}
          joinUrl={joinUrl}
          hostToken={hostToken}
          onPlayers={() => setPlayers(true)}
        />
      ) : (
        <HostPhase
          view={view}
          link={link}
          joinUrl={joinUrl}
          hostToken={hostToken}
          standingsOpen={standings}
          onCloseStandings={() => setStandings(false)}
        />
      )}
      <HelpDialog open={help} onClose={() => setHelp(false)} />
      {playing ? (
        <>
          <PlayersDialog open={players} onClose={() => setPlayers(false)} view={view} link={link} />
          <RemoteDialog
            open={remote && view.phase !== "finished"}
            onClose={() => setRemote(false)}
            view={view}
            link={link}
            joinUrl={joinUrl}
          />
        </>
      ) : null}
    </Screen>
  );
}

function HostPhase({
  view,
  link,
  joinUrl,
  hostToken,
  standingsOpen,
  onCloseStandings,
}: {
  view: GameView;
  link: GameLink;
  joinUrl: string;
  hostToken: string;
  standingsOpen: boolean;
  onCloseStandings: () => void;
}) {
  switch (view.phase) {
    case "lobby":
      return <Lobby view={view} link={link} joinUrl={joinUrl} />;
    case "ready":
      return view.ready ? <ReadyStage view={view} ready={view.ready} link={link} /> : null;
    case "question":
      return view.question ? <QuestionStage view={view} question={view.question} link={link} /> : null;
    case "reveal":
      return view.reveal ? <RevealStage view={view} reveal={view.reveal} link={link} /> : null;
    case "finished":
      return (
        <Final view={view} hostToken={hostToken} standingsOpen={standingsOpen} onCloseStandings={onCloseStandings} />
      );
  }
}
