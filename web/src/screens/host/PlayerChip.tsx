/** A name in the big screen's lobby (alone or in its team's column), with the button that opens its moderation. */
import { useStore } from "@nanostores/react";
import type { PlayerSummary } from "@protocol/values";
import { fill, i18n } from "../../i18n";
import { type GameView, isHidden } from "../../lib/game";
import { shownName } from "./moderation";

const messages = i18n("playerChip", {
  offline: "(offline)",
});

/** `actions` says what the button offers, with the name in it ("Hide or remove {name}"). */
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
  const t = useStore(messages);
  const name = shownName(view, player.id, player.name);
  return (
    <li className={`chip${player.connected ? "" : " offline"}${isHidden(view, player.id) ? " hidden-name" : ""}`}>
      <span className="chip-name">{name}</span>
      {player.connected ? null : <span className="sr-only"> {t.offline}</span>}
      <button type="button" className="chip-act" onClick={() => onAct(player)} aria-label={fill(actions, { name })}>
        <span aria-hidden="true">⋯</span>
      </button>
    </li>
  );
}
