/**
 * The "get ready" moment on the big screen: the question alone, large, with a countdown to the moment its answers
 * open (the room reads it together; nobody can answer yet, and the answers are not even on the phones).
 */
import { useStore } from "@nanostores/react";
import type { ReadyPayload } from "@protocol/values";
import { OpensCountdown } from "../../components/Countdown";
import { Title } from "../../components/Screen";
import { i18n } from "../../i18n";
import { imageUrl } from "../../lib/api";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { useFitScale } from "./fit";
import { PausedLabel, QuestionMeta } from "./QuestionStage";

const messages = i18n("readyStage", {
  getReady: "Get ready",
  typed: "Answers are typed on the phones.",
  coming: "Answers coming up…",
});

export function ReadyStage({ view, ready, link }: { view: GameView; ready: ReadyPayload; link: GameLink }) {
  const t = useStore(messages);
  const stage = useFitScale<HTMLDivElement>(`${ready.index}|${view.paused !== null}|${ready.image ?? ""}`);
  return (
    <div className={`stage stage-ready${ready.image ? " with-image" : ""}`} ref={stage}>
      <div className="stage-top">
        <QuestionMeta question={ready} />
        {view.paused ? <PausedLabel /> : null}
        <p className="get-ready-label">{t.getReady}</p>
        <OpensCountdown ready={ready} clock={link.clock} pausedRemainingMs={view.paused?.remainingMs} />
      </div>
      <Title className="stage-text stage-text-ready">{ready.text}</Title>
      {ready.image ? (
        <div className="stage-media">
          <img src={imageUrl(ready.image)} alt="" />
        </div>
      ) : null}
      <p className="ready-hint">{ready.kind === "type" ? t.typed : t.coming}</p>
    </div>
  );
}
