/**
 * A question on the big screen: its number and badges, the countdown and how many answered in one line across the
 * top, then the question, its image (which takes whatever room is left) and the answer tiles. The whole stage
 * scales to fit, so a 300-character question with six 120-character choices still fits at 1280×720.
 */

import { formatSliderValue } from "@protocol/slider";
import type { QuestionPayload, SliderScale } from "@protocol/values";
import { useEffect, useState } from "react";
import { Countdown } from "../../components/Countdown";
import { Title } from "../../components/Screen";
import { letterOf, SHAPE_LABEL, Shape, shapeOf } from "../../components/Shape";
import { imageUrl } from "../../lib/api";
import type { GameLink } from "../../lib/connection";
import type { GameView } from "../../lib/game";
import { useFitScale } from "./fit";
import { categoryLabels } from "./hostApi";

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
  const category = useCategoryName(question.category);
  return (
    <div className="q-meta q-meta-host">
      <span className="q-number">
        Question {question.index + 1} of {question.total}
      </span>
      {category ? <span className="badge">{category}</span> : null}
      {question.double ? <span className="badge badge-double">Double points</span> : null}
      {question.kind === "multi" ? <span className="badge">Pick all that apply</span> : null}
      {question.kind === "poll" ? <span className="badge">Poll</span> : null}
      {question.kind === "type" ? <span className="badge">Type the answer</span> : null}
      {question.kind === "slider" ? <span className="badge">Slider</span> : null}
      {question.kind === "order" ? <span className="badge">Put in order</span> : null}
    </div>
  );
}

/** The big "Paused" label every paused screen carries. */
export function PausedLabel() {
  return (
    <p className="paused-label" role="status">
      Paused
    </p>
  );
}

export function QuestionStage({ view, question, link }: { view: GameView; question: QuestionPayload; link: GameLink }) {
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
          <span className="answers-in-number">{answered.toLocaleString("en")}</span>
          <span className="answers-in-label">of {connected.toLocaleString("en")} answered</span>
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
        <p className="type-hint">Players are typing their answers.</p>
      ) : question.kind === "slider" && question.slider ? (
        <SliderBoard scale={question.slider} />
      ) : question.kind === "order" ? (
        <OrderBoard items={question.choices ?? []} />
      ) : (
        <ChoiceBoard labels={question.choices ?? []} />
      )}
    </div>
  );
}

function ChoiceBoard({ labels }: { labels: string[] }) {
  return (
    <ul className={`choice-board count-${labels.length}`} aria-label="Answers">
      {labels.map((label, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
          key={i}
          className={`choice choice-${i}`}
        >
          <Shape index={i} />
          <span className="sr-only">
            {letterOf(i)}, {SHAPE_LABEL[shapeOf(i)]}:{" "}
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
  return (
    <div className="slider-board">
      <p className="slider-board-hint">Players slide to a number on their phones.</p>
      <div className="slider-board-scale">
        <span className="slider-board-end">{from}</span>
        <span className="slider-board-track" aria-hidden="true" />
        <span className="slider-board-end">{to}</span>
      </div>
      <p className="sr-only">
        From {from} to {to}, in steps of {formatSliderValue(scale, scale.step)}.
      </p>
    </div>
  );
}

/** An order question: the items as the players see them (shuffled); the right order comes at the reveal. */
function OrderBoard({ items }: { items: string[] }) {
  return (
    <div className="order-board">
      <ul className={`choice-board order-cards count-${items.length}`} aria-label="Items to put in order">
        {items.map((label) => (
          <li key={label} className="order-card">
            {label}
          </li>
        ))}
      </ul>
      <p className="order-board-hint">Players put these in order on their phones.</p>
    </div>
  );
}
