/** A name in the big screen's lobby (alone or in its team's column), with the button that opens its moderation. */
import type { PlayerSummary } from "@protocol/values";
import { type GameView, isHidden } from "../../lib/game";
import { shownName } from "./moderation";

/** `actions` says what the button offers ("Hide or remove"), before the name. */
export function PlayerChip({
  view,
  player,
  actions,
  onAct,
}: {
  view: GameView;
  player: PlayerSummary;
  actions: string;
  onAct: (p: PlayerSummary) => void;
}) {
  const name = shownName(view, player.id, player.name);
  return (
    <li className={`chip${player.connected ? "" : " offline"}${isHidden(view, player.id) ? " hidden-name" : ""}`}>
      <span className="chip-name">{name}</span>
      {player.connected ? null : <span className="sr-only"> (offline)</span>}
      <button type="button" className="chip-act" onClick={() => onAct(player)} aria-label={`${actions} ${name}`}>
        <span aria-hidden="true">⋯</span>
      </button>
    </li>
  );
}
