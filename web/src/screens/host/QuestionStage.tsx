/**
 * A question on the big screen: its number and badges, the countdown and how many answered in one line across the
 * top, then the question, its image (which takes whatever room is left) and the answer tiles. The whole stage
 * scales to fit, so a 300-character question with six 120-character choices still fits at 1280×720.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue } from "@protocol/slider";
import type { QuestionPayload, SliderScale } from "@protocol/values";
import { useEffect, useState } from "react";
import { Countdown } from "../../components/Countdown";
import { Title } from "../../components/Screen";
import { letterOf, Shape, shapeLabel } from "../../components/Shape";
import { fill, formatNumber, i18n } from "../../i18n";
import { imageUrl } from "../../lib/api";
import type { GameLink } from "../../lib/connection";
import { choiceLabels, type GameView } from "../../lib/game";
import { useFitScale } from "./fit";
import { categoryLabels } from "./hostApi";

const messages = i18n("questionStage", {
  questionOf: "Question {n} of {total}",
  double: "Double points",
  multi: "Pick all that apply",
  poll: "Poll",
  type: "Type the answer",
  slider: "Slider",
  order: "Put in order",
  paused: "Paused",
  answered: "of {count} answered",
  typing: "Players are typing their answers.",
  answers: "Answers",
  sliderHint: "Players slide to a number on their phones.",
  sliderRange: "From {from} to {to}, in steps of {step}.",
  items: "Items to put in order",
  orderHint: "Players put these in order on their phones.",
});

/** A question's category as people read it: the bank's label for a bank category, an imported quiz's text as is. */
function useCategoryName(category: string | undefined): string | undefined {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!category) return;
    let live = true;
    categoryLabels().then((map) => live && setNames(map));
    return () => {
      live = false;
    };
  }, [category]);
  return category ? (names?.get(category) ?? category) : undefined;
}

/** The question's number and badges: on the question, its lead-in and its reveal. */
export function QuestionMeta({
  question,
}: {
  question: Pick<QuestionPayload, "index" | "total" | "category" | "double" | "kind">;
}) {
  const t = useStore(messages);
  const category = useCategoryName(question.category);
  return (
    <div className="q-meta q-meta-host">
      <span className="q-number">
        {fill(t.questionOf, { n: formatNumber(question.index + 1), total: formatNumber(question.total) })}
      </span>
      {category ? <span className="badge">{category}</span> : null}
      {question.double ? <span className="badge badge-double">{t.double}</span> : null}
      {question.kind === "multi" ? <span className="badge">{t.multi}</span> : null}
      {question.kind === "poll" ? <span className="badge">{t.poll}</span> : null}
      {question.kind === "type" ? <span className="badge">{t.type}</span> : null}
      {question.kind === "slider" ? <span className="badge">{t.slider}</span> : null}
      {question.kind === "order" ? <span className="badge">{t.order}</span> : null}
    </div>
  );
}

/** The big "Paused" label every paused screen carries. */
export function PausedLabel() {
  const t = useStore(messages);
  return (
    <p className="paused-label" role="status">
      {t.paused}
    </p>
  );
}

export function QuestionStage({ view, question, link }: { view: GameView; question: QuestionPayload; link: GameLink }) {
  const t = useStore(messages);
  const progress = view.progress;
  const answered = progress?.index === question.index ? progress.answered : 0;
  const connected = progress?.connected ?? view.lobby.connectedCount;
  const stage = useFitScale<HTMLDivElement>(
    `${question.index}|${view.paused !== null}|${answered}|${connected}|${question.image ?? ""}`,
  );
  return (
    <div className={`stage stage-question${question.image ? " with-image" : ""}`} ref={stage}>
      <div className="stage-top">
        <QuestionMeta question={question} />
        {view.paused ? <PausedLabel /> : null}
        <div className="answers-in" aria-live="polite" aria-atomic="true">
          <span className="answers-in-number">{formatNumber(answered)}</span>
          <span className="answers-in-label">{fill(t.answered, { count: formatNumber(connected) })}</span>
        </div>
        <Countdown
          deadline={question.deadline}
          durationMs={question.durationMs}
          clock={link.clock}
          pausedRemainingMs={view.paused?.remainingMs}
        />
      </div>
      <Title className="stage-text">{question.text}</Title>
      {question.image ? (
        <div className="stage-media">
          <img src={imageUrl(question.image)} alt="" />
        </div>
      ) : null}
      {question.kind === "type" ? (
        <p className="type-hint">{t.typing}</p>
      ) : question.kind === "slider" && question.slider ? (
        <SliderBoard scale={question.slider} />
      ) : question.kind === "order" ? (
        <OrderBoard items={question.choices ?? []} />
      ) : (
        <ChoiceBoard labels={choiceLabels(question)} />
      )}
    </div>
  );
}

function ChoiceBoard({ labels }: { labels: string[] }) {
  const t = useStore(messages);
  return (
    <ul className={`choice-board count-${labels.length}`} aria-label={t.answers}>
      {labels.map((label, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
          key={i}
          className={`choice choice-${i}`}
        >
          <Shape index={i} />
          <span className="sr-only">
            {letterOf(i)}, {shapeLabel(i)}:{" "}
          </span>
          <span className="choice-label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A slider question: the scale players pick from, its ends and its unit. */
function SliderBoard({ scale }: { scale: SliderScale }) {
  const from = formatSliderValue(scale, scale.min);
  const to = formatSliderValue(scale, scale.max);
  const t = useStore(messages);
  return (
    <div className="slider-board">
      <p className="slider-board-hint">{t.sliderHint}</p>
      <div className="slider-board-scale">
        <span className="slider-board-end">{from}</span>
        <span className="slider-board-track" aria-hidden="true" />
        <span className="slider-board-end">{to}</span>
      </div>
      <p className="sr-only">{fill(t.sliderRange, { from, to, step: formatSliderValue(scale, scale.step) })}</p>
    </div>
  );
}

/** An order question: the items as the players see them (shuffled); the right order comes at the reveal. */
function OrderBoard({ items }: { items: string[] }) {
  const t = useStore(messages);
  return (
    <div className="order-board">
      <ul className={`choice-board order-cards count-${items.length}`} aria-label={t.items}>
        {items.map((label) => (
          <li key={label} className="order-card">
            {label}
          </li>
        ))}
      </ul>
      <p className="order-board-hint">{t.orderHint}</p>
    </div>
  );
}
