/**
 * Moderation on the host's seats: names the host hid stay off the big screen (the placeholder everyone else sees),
 * and removing a player always asks first, since it also keeps that player's device out of the game.
 */

import { useStore } from "@nanostores/react";
import { HIDDEN_NAME, type LeaderboardEntry } from "@protocol/values";
import { useEffect, useRef, useState } from "react";
import { fill, i18n } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHidden } from "../../lib/game";
import { Dialog } from "./Dialog";
import { MoveToTeam } from "./Teams";
import "./players.css";

const messages = i18n("moderation", {
  remove: "Remove",
  removeName: "{action} {name}",
  removeAsk: "Remove {name}?",
  removeQuestion: "Remove {name}? They leave the game at once, and their device can't join it again.",
  yesRemove: "Yes, remove",
  cancel: "Cancel",
  showName: "Show the name on the big screen again",
  hideName: "Hide the name from the big screen",
  removeFromGame: "Remove from the game",
});

/** The name the big screen shows for a player: the placeholder once the host has hidden it. */
export function shownName(view: GameView, playerId: string, name: string): string {
  return isHidden(view, playerId) ? HIDDEN_NAME : name;
}

/** Standings entries as the big screen shows them. */
export function shownEntries(view: GameView, entries: LeaderboardEntry[]): LeaderboardEntry[] {
  if (view.moderation.hiddenPlayers.length === 0) return entries;
  return entries.map((e) => (isHidden(view, e.playerId) ? { ...e, name: HIDDEN_NAME } : e));
}

/**
 * "Remove", which asks "Remove Ada?" in its own place before anything happens. Focus follows: to "Yes, remove" when
 * the question appears, back to the button when it is cancelled. In a list the button's name says whom it removes;
 * where the context says it (one player's dialog), the visible label is the name.
 */
export function RemoveButton({
  name,
  disabled,
  onRemove,
  label,
  inList = true,
}: {
  /** As the screen shows it (the placeholder for a hidden name). */
  name: string;
  disabled: boolean;
  onRemove: () => void;
  label?: string;
  inList?: boolean;
}) {
  const t = useStore(messages);
  const action = label ?? t.remove;
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (asked.current) button.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-small"
        disabled={disabled}
        aria-label={inList ? fill(t.removeName, { action, name }) : undefined}
        onClick={() => setAsking(true)}
      >
        {action}
      </button>
    );
  }
  return (
    <fieldset className="confirm kick-confirm">
      <legend className="sr-only">{fill(t.removeAsk, { name })}</legend>
      <p className="kick-question">
        <Rich text={t.removeQuestion} values={{ name: <strong>{name}</strong> }} />
      </p>
      <div className="kick-buttons">
        <button ref={yes} type="button" className="btn btn-danger btn-small" disabled={disabled} onClick={onRemove}>
          {t.yesRemove}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setAsking(false)}>
          {t.cancel}
        </button>
      </div>
    </fieldset>
  );
}

/** One player's moderation from the big screen's lobby: hide or show the name, or remove the player (asked first). */
export function PlayerActionsDialog({
  player,
  view,
  link,
  onClose,
}: {
  player: { id: string; name: string; team?: number } | null;
  view: GameView;
  link: GameLink;
  onClose: () => void;
}) {
  const t = useStore(messages);
  const hidden = player ? isHidden(view, player.id) : false;
  const title = player ? shownName(view, player.id, player.name) : "";
  const offline = link.status !== "open";
  return (
    <Dialog open={player !== null} onClose={onClose} title={title} className="player-actions-dialog">
      {player ? (
        <div className="player-actions">
          <MoveToTeam player={player} view={view} link={link} onMoved={onClose} />
          <button
            type="button"
            className="btn btn-ghost"
            disabled={offline}
            onClick={() => {
              link.send({ type: hidden ? "unhideName" : "hideName", playerId: player.id });
              onClose();
            }}
          >
            {hidden ? t.showName : t.hideName}
          </button>
          <RemoveButton
            name={title}
            disabled={offline}
            label={t.removeFromGame}
            inList={false}
            onRemove={() => {
              link.send({ type: "kick", playerId: player.id });
              onClose();
            }}
          />
        </div>
      ) : null}
    </Dialog>
  );
}
