/**
 * The reveal on the big screen: how many got it, the question again (smaller), then each answer as a horizontal
 * bar, its whole label beside its count, the right ones marked, and the top 10 beside the chart. A slider shows how
 * the guesses spread over its scale and the right value; an order question the right order, with how many put each
 * item in its place.
 */

import { useStore } from "@nanostores/react";
import { formatSliderValue } from "@protocol/slider";
import type { RevealPayload, SliderScale } from "@protocol/values";
import { Countdown } from "../../components/Countdown";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import { letterOf, Shape } from "../../components/Shape";
import { fill, formatNumber, i18n, plural } from "../../i18n";
import { Rich } from "../../i18n/Rich";
import type { GameLink } from "../../lib/connection";
import { choiceLabels, type GameView, isHiddenAnswer } from "../../lib/game";
import { useFitScale } from "./fit";
import { shownEntries } from "./moderation";
import { PausedLabel, QuestionMeta } from "./QuestionStage";
import { TeamStandings } from "./Teams";

const messages = i18n("revealStage", {
  voted: "{count} of {total} voted.",
  orderRight: "{count} of {total} got the order right.",
  right: "{count} of {total} got it right.",
  nextIn: "Next question in",
  question: "Question {n}",
  top10: "Top 10",
  perAnswer: "How many players picked each answer",
  players: plural({ one: ": {count} player", other: ": {count} players" }),
  theRight: ", the right answer",
  accepted: "Accepted: {answers}",
  common: "Most common answers",
  hiddenAnswer: "Hidden answer",
  isAccepted: " (accepted)",
  notAccepted: " (not accepted)",
  showAgain: "Show this answer again",
  hideThis: "Hide the answer {answer}",
  show: "Show",
  hide: "Hide",
  nobodyTyped: "Nobody typed an answer.",
  theAnswer: "The answer: {value}",
  tolerance: "(±\u00a0{tolerance} counts)",
  middle: "Middle guess: {value}",
  nobodyAnswered: "Nobody answered.",
  spread: "How the guesses spread: {bars}.",
  range: "{from} to {to}",
  noGuesses: "no guesses",
  orderTitle: "The right order, and how many put each item in its place",
  putHere: plural({ one: ": {count} player put it here", other: ": {count} players put it here" }),
});

export function RevealStage({ view, reveal, link }: { view: GameView; reveal: RevealPayload; link: GameLink }) {
  const t = useStore(messages);
  const question = view.question;
  const labels = choiceLabels(question);
  const isPoll = reveal.kind === "poll";
  // The host's reveal carries the top 10; a snapshot after a reload has it in the view.
  const top = shownEntries(view, reveal.leaderboard ?? view.leaderboard);
  const showTop = top.length > 0 && (!isPoll || top.some((e) => e.score > 0));
  // Team games: the teams first, then the players.
  const teams = reveal.teams ?? [];
  const total = formatNumber(reveal.playerCount);
  const summary = isPoll
    ? fill(t.voted, { count: formatNumber(reveal.answered), total })
    : fill(reveal.kind === "order" ? t.orderRight : t.right, { count: formatNumber(reveal.correctCount), total });
  const hidden = view.moderation.hiddenPlayers.length + view.moderation.hiddenAnswers.length;
  const stage = useFitScale<HTMLDivElement>(
    `${reveal.index}|${view.paused !== null}|${reveal.nextAt !== null}|${hidden}`,
  );
  return (
    <div className="stage stage-reveal" ref={stage}>
      <div className="stage-top">
        {question ? <QuestionMeta question={question} /> : null}
        {view.paused ? <PausedLabel /> : null}
        <p className="reveal-summary" aria-live="polite">
          {summary}
        </p>
        {reveal.nextAt !== null || view.paused ? (
          <Countdown
            deadline={reveal.nextAt}
            durationMs={view.revealSeconds * 1000}
            clock={link.clock}
            pausedRemainingMs={view.paused?.remainingMs}
            label={t.nextIn}
            size="small"
          />
        ) : null}
      </div>
      <Title className="stage-text stage-text-small">
        {question?.text ?? fill(t.question, { n: reveal.index + 1 })}
      </Title>
      <div className={`stage-columns${showTop || teams.length || reveal.explanation ? "" : " single"}`}>
        <div className="reveal-main">
          {reveal.kind === "type" ? (
            <TypedResults reveal={reveal} view={view} link={link} />
          ) : reveal.kind === "slider" && question?.slider ? (
            <SliderResults reveal={reveal} scale={question.slider} />
          ) : reveal.kind === "order" ? (
            <OrderResults reveal={reveal} labels={labels} />
          ) : (
            <BarChart reveal={reveal} labels={labels} />
          )}
        </div>
        {/* The explanation goes under the top 10: the chart keeps the room, the side column is seldom full. */}
        {showTop || teams.length || reveal.explanation ? (
          <div className="reveal-side">
            {teams.length ? <TeamStandings teams={teams} moves={reveal.index > 0} /> : null}
            {showTop ? <Leaderboard entries={top} title={t.top10} moves={reveal.index > 0} /> : null}
            {reveal.explanation ? <p className="explanation explanation-host">{reveal.explanation}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function BarChart({ reveal, labels }: { reveal: RevealPayload; labels: string[] }) {
  const t = useStore(messages);
  const max = Math.max(1, ...reveal.counts);
  const isPoll = reveal.kind === "poll";
  return (
    <figure className="bar-chart">
      <figcaption className="sr-only">{t.perAnswer}</figcaption>
      <ul className="bars">
        {reveal.counts.map((count, i) => {
          const right = reveal.correct.choices.includes(i);
          const state = isPoll ? "" : right ? " right" : " dim";
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a choice's position is its identity on the wire
              key={i}
              className={`bar-row slot-${i}${state}`}
            >
              <div className={`bar-label choice choice-${i}${state}`}>
                <Shape index={i} />
                <span className="choice-label">{labels[i] ?? letterOf(i)}</span>
                {!isPoll && right ? (
                  <span className="choice-mark" aria-hidden="true">
                    ✓
                  </span>
                ) : null}
                <span className="sr-only">
                  {t.players(count)}
                  {!isPoll && right ? t.theRight : ""}
                </span>
              </div>
              <BarTail count={count} max={max} />
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** A bar's track, as long as its share of the largest count, and the count itself, after the bar's label. */
function BarTail({ count, max }: { count: number; max: number }) {
  return (
    <>
      <div className="bar-track" aria-hidden="true">
        <div className={`bar${count ? "" : " zero"}`} style={{ width: `${(count / max) * 100}%` }} />
      </div>
      <span className="bar-count" aria-hidden="true">
        {formatNumber(count)}
      </span>
    </>
  );
}

/**
 * The most common typed answers, each with a small Hide button: what a class types is not always fit for a
 * projector. A hidden answer keeps its row and count, its text replaced, with Show to bring it back.
 */
function TypedResults({ reveal, view, link }: { reveal: RevealPayload; view: GameView; link: GameLink }) {
  const t = useStore(messages);
  const offline = link.status !== "open";
  return (
    <div className="typed-results">
      <p className="accepted">
        <Rich text={t.accepted} values={{ answers: <strong>{(reveal.correct.accepted ?? []).join(" / ")}</strong> }} />
      </p>
      {reveal.typed?.length ? (
        <ul className="typed-list" aria-label={t.common}>
          {reveal.typed.map((typed) => {
            const hidden = isHiddenAnswer(view, reveal.index, typed.text);
            const command = { index: reveal.index, text: typed.text };
            return (
              <li key={typed.text} className={`${typed.correct ? "right" : "wrong"}${hidden ? " typed-hidden" : ""}`}>
                <span className="typed-text">{hidden ? t.hiddenAnswer : typed.text}</span>
                <span className="typed-count">{formatNumber(typed.count)}</span>
                <span className="sr-only">{typed.correct ? t.isAccepted : t.notAccepted}</span>
                <span aria-hidden="true">{typed.correct ? "✓" : "✗"}</span>
                <button
                  type="button"
                  className="typed-hide"
                  disabled={offline}
                  aria-label={hidden ? t.showAgain : fill(t.hideThis, { answer: typed.text })}
                  onClick={() => link.send({ type: hidden ? "unhideAnswer" : "hideAnswer", ...command })}
                >
                  {hidden ? t.show : t.hide}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="calm">{t.nobodyTyped}</p>
      )}
    </div>
  );
}

/**
 * A slider's reveal: the right value (and how far off still counted), the middle guess, and a column per bar of the
 * histogram, the bars within the tolerance in the colour of right answers. Screen readers get the bars as a list.
 */
function SliderResults({ reveal, scale }: { reveal: RevealPayload; scale: SliderScale }) {
  const t = useStore(messages);
  const h = reveal.histogram;
  const right = reveal.correct.value ?? scale.min;
  const tolerance = reveal.correct.tolerance ?? 0;
  const show = (x: number) => formatSliderValue(scale, x);
  const counts = h?.counts ?? [];
  const max = Math.max(1, ...counts);
  const bars = counts.map((count, i) => {
    const from = (h?.min ?? scale.min) + i * (h?.binWidth ?? scale.step);
    // The last value in the bar: one step before the next bar starts, or the scale's end for the last bar.
    const to = i === counts.length - 1 ? scale.max : Math.max(from, from + (h?.binWidth ?? 0) - scale.step);
    return { count, from, to, right: from <= right + tolerance && to >= right - tolerance };
  });
  return (
    <figure className="histogram">
      <p className="slider-answer-host">
        <Rich text={t.theAnswer} values={{ value: <strong>{show(right)}</strong> }} />
        {tolerance > 0 ? (
          <span className="slider-tolerance"> {fill(t.tolerance, { tolerance: show(tolerance) })}</span>
        ) : null}
      </p>
      {h?.median !== null && h?.median !== undefined ? (
        <p className="slider-median">{fill(t.middle, { value: show(h.median) })}</p>
      ) : (
        <p className="slider-median">{t.nobodyAnswered}</p>
      )}
      <ul className="histo-bars" aria-hidden="true">
        {bars.map((b) => (
          <li key={b.from} className={`histo-bar${b.right ? " right" : ""}`}>
            <span className="histo-count">{b.count > 0 ? formatNumber(b.count) : ""}</span>
            <span className="histo-col">
              <span className={`histo-fill${b.count ? "" : " zero"}`} style={{ height: `${(b.count / max) * 100}%` }} />
            </span>
          </li>
        ))}
      </ul>
      <p className="histo-axis" aria-hidden="true">
        <span>{show(scale.min)}</span>
        <span>{show(scale.max)}</span>
      </p>
      <figcaption className="sr-only">
        {fill(t.spread, {
          bars:
            bars
              .filter((b) => b.count > 0)
              .map(
                (b) =>
                  `${b.from === b.to ? show(b.from) : fill(t.range, { from: show(b.from), to: show(b.to) })}: ${formatNumber(b.count)}`,
              )
              .join("; ") || t.noGuesses,
        })}
      </figcaption>
    </figure>
  );
}

/** An order question's reveal: the right order, each item with how many players put it in its place. */
function OrderResults({ reveal, labels }: { reveal: RevealPayload; labels: string[] }) {
  const t = useStore(messages);
  const max = Math.max(1, reveal.answered);
  return (
    <figure className="bar-chart order-results">
      <figcaption className="order-results-title">{t.orderTitle}</figcaption>
      <ol className="bars">
        {reveal.correct.choices.map((item, at) => {
          const count = reveal.counts[item] ?? 0;
          return (
            <li key={item} className="bar-row slot-3 right">
              <div className="bar-label choice order-result">
                <span className="place-number order-result-place" aria-hidden="true">
                  {at + 1}
                </span>
                <span className="choice-label">{labels[item] ?? letterOf(item)}</span>
                <span className="sr-only">{t.putHere(count)}</span>
              </div>
              <BarTail count={count} max={max} />
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
