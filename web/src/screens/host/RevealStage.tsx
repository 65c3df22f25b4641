/**
 * The reveal on the big screen: how many got it, the question again (smaller), then each answer as a horizontal
 * bar, its whole label beside its count, the right ones marked, and the top 10 beside the chart. A slider shows how
 * the guesses spread over its scale and the right value; an order question the right order, with how many put each
 * item in its place.
 */
import { formatSliderValue } from "@protocol/slider";
import type { RevealPayload, SliderScale } from "@protocol/values";
import { Countdown } from "../../components/Countdown";
import { Leaderboard } from "../../components/Leaderboard";
import { Title } from "../../components/Screen";
import { letterOf, Shape } from "../../components/Shape";
import type { GameLink } from "../../lib/connection";
import { type GameView, isHiddenAnswer } from "../../lib/game";
import { useFitScale } from "./fit";
import { shownEntries } from "./moderation";
import { PausedLabel, QuestionMeta } from "./QuestionStage";

export function RevealStage({ view, reveal, link }: { view: GameView; reveal: RevealPayload; link: GameLink }) {
  const question = view.question;
  const labels = question?.choices ?? [];
  const isPoll = reveal.kind === "poll";
  // The host's reveal carries the top 10; a snapshot after a reload has it in the view.
  const top = shownEntries(view, reveal.leaderboard ?? view.leaderboard);
  const showTop = top.length > 0 && (!isPoll || top.some((e) => e.score > 0));
  const of = `${reveal.playerCount.toLocaleString("en")}`;
  const summary = isPoll
    ? `${reveal.answered.toLocaleString("en")} of ${of} voted.`
    : reveal.kind === "order"
      ? `${reveal.correctCount.toLocaleString("en")} of ${of} got the order right.`
      : `${reveal.correctCount.toLocaleString("en")} of ${of} got it right.`;
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
            label="Next question in"
            size="small"
          />
        ) : null}
      </div>
      <Title className="stage-text stage-text-small">{question?.text ?? `Question ${reveal.index + 1}`}</Title>
      <div className={`stage-columns${showTop || reveal.explanation ? "" : " single"}`}>
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
        {showTop || reveal.explanation ? (
          <div className="reveal-side">
            {showTop ? <Leaderboard entries={top} title="Top 10" moves={reveal.index > 0} /> : null}
            {reveal.explanation ? <p className="explanation explanation-host">{reveal.explanation}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function BarChart({ reveal, labels }: { reveal: RevealPayload; labels: string[] }) {
  const max = Math.max(1, ...reveal.counts);
  const isPoll = reveal.kind === "poll";
  return (
    <figure className="bar-chart">
      <figcaption className="sr-only">How many players picked each answer</figcaption>
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
                  : {count} {count === 1 ? "player" : "players"}
                  {!isPoll && right ? ", the right answer" : ""}
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
        {count.toLocaleString("en")}
      </span>
    </>
  );
}

/**
 * The most common typed answers, each with a small Hide button: what a class types is not always fit for a
 * projector. A hidden answer keeps its row and count, its text replaced, with Show to bring it back.
 */
function TypedResults({ reveal, view, link }: { reveal: RevealPayload; view: GameView; link: GameLink }) {
  const offline = link.status !== "open";
  return (
    <div className="typed-results">
      <p className="accepted">
        Accepted: <strong>{(reveal.correct.accepted ?? []).join(" / ")}</strong>
      </p>
      {reveal.typed?.length ? (
        <ul className="typed-list" aria-label="Most common answers">
          {reveal.typed.map((t) => {
            const hidden = isHiddenAnswer(view, reveal.index, t.text);
            const command = { index: reveal.index, text: t.text };
            return (
              <li key={t.text} className={`${t.correct ? "right" : "wrong"}${hidden ? " typed-hidden" : ""}`}>
                <span className="typed-text">{hidden ? "Hidden answer" : t.text}</span>
                <span className="typed-count">{t.count}</span>
                <span className="sr-only">{t.correct ? " (accepted)" : " (not accepted)"}</span>
                <span aria-hidden="true">{t.correct ? "✓" : "✗"}</span>
                <button
                  type="button"
                  className="typed-hide"
                  disabled={offline}
                  aria-label={hidden ? "Show this answer again" : `Hide the answer ${t.text}`}
                  onClick={() => link.send({ type: hidden ? "unhideAnswer" : "hideAnswer", ...command })}
                >
                  {hidden ? "Show" : "Hide"}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="calm">Nobody typed an answer.</p>
      )}
    </div>
  );
}

/**
 * A slider's reveal: the right value (and how far off still counted), the middle guess, and a column per bar of the
 * histogram, the bars within the tolerance in the colour of right answers. Screen readers get the bars as a list.
 */
function SliderResults({ reveal, scale }: { reveal: RevealPayload; scale: SliderScale }) {
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
        The answer: <strong>{show(right)}</strong>
        {tolerance > 0 ? (
          <span className="slider-tolerance">
            {" "}
            (±{"\u00a0"}
            {show(tolerance)} counts)
          </span>
        ) : null}
      </p>
      {h?.median !== null && h?.median !== undefined ? (
        <p className="slider-median">Middle guess: {show(h.median)}</p>
      ) : (
        <p className="slider-median">Nobody answered.</p>
      )}
      <ul className="histo-bars" aria-hidden="true">
        {bars.map((b) => (
          <li key={b.from} className={`histo-bar${b.right ? " right" : ""}`}>
            <span className="histo-count">{b.count > 0 ? b.count.toLocaleString("en") : ""}</span>
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
        How the guesses spread:{" "}
        {bars
          .filter((b) => b.count > 0)
          .map((b) => `${b.from === b.to ? show(b.from) : `${show(b.from)} to ${show(b.to)}`}: ${b.count}`)
          .join("; ") || "no guesses"}
        .
      </figcaption>
    </figure>
  );
}

/** An order question's reveal: the right order, each item with how many players put it in its place. */
function OrderResults({ reveal, labels }: { reveal: RevealPayload; labels: string[] }) {
  const max = Math.max(1, reveal.answered);
  return (
    <figure className="bar-chart order-results">
      <figcaption className="order-results-title">The right order, and how many put each item in its place</figcaption>
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
                <span className="sr-only">
                  : {count} {count === 1 ? "player" : "players"} put it here
                </span>
              </div>
              <BarTail count={count} max={max} />
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
