/**
 * The control bar under the stage, and the keyboard help. Three groups: ending the game on the left; the screen's
 * own tools (the player list, remotes, sound, full screen, shortcuts) in the middle; the game's actions on the
 * right, the main one last and largest. The same actions answer to the keyboard (and to a paired remote).
 */

import { useStore } from "@nanostores/react";
import { type ReactNode, useState } from "react";
import { SpeakerIcon } from "../../components/Icons";
import { fill, i18n } from "../../i18n";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import type { HostSound } from "../../sound/useHostSound";
import type { Action, HostActions } from "./actions";
import { Dialog } from "./Dialog";
import { shortcutList } from "./shortcuts";

const messages = i18n("controls", {
  label: "Game controls",
  endConfirm: "End the game for everyone?",
  endYes: "Yes, end it",
  keepPlaying: "Keep playing",
  end: "End game",
  playersTitle: "Players (L)",
  players: "Players",
  remotePaired: "Remote, {count} paired",
  remoteTitle: "Remote (R)",
  remote: "Remote",
  soundBlocked: "Sound starts with your first click or key",
  sound: "Sound",
  soundOn: "Sound is on (M)",
  soundOff: "Sound is off (M)",
  fullscreen: "Full screen",
  leaveFullscreen: "Leave full screen (F)",
  fullscreenTitle: "Full screen (F)",
  shortcutsTitle: "Keyboard shortcuts (?)",
  shortcuts: "Keyboard shortcuts",
  allStandings: "All standings",
  hostAnother: "Host another game",
  or: " or ",
  whileTyping: "Shortcuts do nothing while you type in a field.",
});

export function Controls({
  view,
  link,
  actions,
  sound,
  fullscreen,
  onHelp,
  onStandings,
  onPlayers,
  onRemote,
}: {
  view: GameView;
  link: GameLink;
  actions: HostActions;
  sound: HostSound;
  fullscreen: { supported: boolean; active: boolean; toggle: () => void };
  onHelp: () => void;
  onStandings: () => void;
  onPlayers: () => void;
  onRemote: () => void;
}) {
  const t = useStore(messages);
  const remotes = view.remotes.length;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const disabled = link.status !== "open";
  const finished = view.phase === "finished";
  return (
    <nav className="controls" aria-label={t.label}>
      <div className="controls-start">
        {finished ? null : confirmEnd ? (
          <span className="confirm">
            <span>{t.endConfirm}</span>
            <button
              type="button"
              className="btn btn-danger"
              disabled={disabled}
              onClick={() => {
                link.send({ type: "end" });
                setConfirmEnd(false);
              }}
            >
              {t.endYes}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirmEnd(false)}>
              {t.keepPlaying}
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn-ghost" onClick={() => setConfirmEnd(true)}>
            {t.end}
          </button>
        )}
      </div>
      <div className="controls-tools">
        <button
          type="button"
          className="btn btn-ghost"
          aria-keyshortcuts="L"
          title={t.playersTitle}
          onClick={onPlayers}
        >
          {t.players}
        </button>
        {finished ? null : (
          <button
            type="button"
            className="btn btn-ghost"
            aria-keyshortcuts="R"
            aria-label={remotes ? fill(t.remotePaired, { count: remotes }) : undefined}
            title={t.remoteTitle}
            onClick={onRemote}
          >
            {t.remote}
            {remotes ? (
              <span className="count-badge" aria-hidden="true">
                {remotes}
              </span>
            ) : null}
          </button>
        )}
        {sound.blocked ? (
          <span className="sound-hint" role="status">
            {t.soundBlocked}
          </span>
        ) : null}
        <IconToggle
          label={t.sound}
          on={sound.on}
          keys="M"
          title={sound.on ? t.soundOn : t.soundOff}
          onClick={sound.toggle}
        >
          <SpeakerIcon on={sound.on} />
        </IconToggle>
        {fullscreen.supported ? (
          <IconToggle
            label={t.fullscreen}
            on={fullscreen.active}
            keys="F"
            title={fullscreen.active ? t.leaveFullscreen : t.fullscreenTitle}
            onClick={fullscreen.toggle}
          >
            <FullscreenIcon active={fullscreen.active} />
          </IconToggle>
        ) : null}
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-keyshortcuts="Shift+?"
          title={t.shortcutsTitle}
          onClick={onHelp}
        >
          <span aria-hidden="true" className="icon-text">
            ?
          </span>
          <span className="sr-only">{t.shortcuts}</span>
        </button>
      </div>
      <div className="controls-main">
        {finished ? (
          <>
            <button type="button" className="btn btn-ghost" onClick={onStandings}>
              {t.allStandings}
            </button>
            <a className="btn btn-accent btn-large" href="/">
              {t.hostAnother}
            </a>
          </>
        ) : (
          <>
            {actions.pause ? <ActionButton action={actions.pause} className="btn btn-ghost" keys="P" /> : null}
            {actions.lock ? (
              <button
                type="button"
                className="btn btn-ghost"
                disabled={actions.lock.disabled}
                onClick={actions.lock.run}
              >
                {actions.lock.label}
              </button>
            ) : null}
            {actions.primary ? (
              <ActionButton action={actions.primary} className="btn btn-accent btn-large" keys="Space ArrowRight" />
            ) : null}
          </>
        )}
      </div>
    </nav>
  );
}

/** An on/off tool of the screen as an icon button: its name for screen readers, its state, its key. */
function IconToggle({
  label,
  on,
  keys,
  title,
  onClick,
  children,
}: {
  label: string;
  on: boolean;
  keys: string;
  title: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon"
      aria-pressed={on}
      aria-keyshortcuts={keys}
      title={title}
      onClick={onClick}
    >
      {children}
      <span className="sr-only">{label}</span>
    </button>
  );
}

/** A game action as a button that also names its key (aria-keyshortcuts). */
function ActionButton({ action, className, keys }: { action: Action; className: string; keys: string }) {
  return (
    <button
      type="button"
      className={className}
      disabled={action.disabled}
      aria-keyshortcuts={keys}
      onClick={action.run}
    >
      {action.label}
    </button>
  );
}

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useStore(messages);
  return (
    <Dialog open={open} onClose={onClose} title={t.shortcuts} className="help-dialog">
      <dl className="shortcut-list">
        {shortcutList().map((s) => (
          <div key={s.what}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? <span className="or">{t.or}</span> : null}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p className="calm">{t.whileTyping}</p>
    </Dialog>
  );
}

function FullscreenIcon({ active }: { active: boolean }) {
  return (
    <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
      <path
        d={active ? "M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" : "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"}
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
