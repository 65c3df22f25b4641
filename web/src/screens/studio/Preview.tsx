/**
 * The open question as a phone and as the projector will show it: the real screens (PreviewFrame) in a frame of
 * the real size, scaled down to fit. The frames are pictures only (inert): nothing in them can take focus.
 */
import { useStore } from "@nanostores/react";
import { useEffect, useId, useRef, useState } from "react";
import { fill, i18n } from "../../i18n";
import type { DraftQuestion } from "./draft";
import { currentPacing } from "./hosting";
import type { PreviewRequest } from "./previewView";

const SIZES = {
  phone: { width: 390, height: 844, maxHeight: 560 },
  projector: { width: 1280, height: 800, maxHeight: 10_000 },
} as const;

type Device = keyof typeof SIZES;

const messages = i18n("preview", {
  preview: "Preview",
  screen: "Screen",
  phone: "Phone",
  projector: "Projector",
  moment: "Moment",
  asking: "Asking",
  answerShown: "Answer shown",
  askedPhone: "Question {n} as it is asked on a player's phone. Choices are shuffled in the game.",
  askedProjector: "Question {n} as it is asked on the big screen. Choices are shuffled in the game.",
  shownPhone:
    "Question {n} when the answer is shown on a player's phone (example numbers). Choices are shuffled in the game.",
  shownProjector:
    "Question {n} when the answer is shown on the big screen (example numbers). Choices are shuffled in the game.",
  phoneTitle: "Phone preview of question {n}",
  projectorTitle: "Projector preview of question {n}",
});

export function Preview({
  question,
  index,
  total,
  title,
}: {
  question: DraftQuestion;
  index: number;
  total: number;
  title: string;
}) {
  const id = useId();
  const [device, setDevice] = useState<Device>("phone");
  const [stage, setStage] = useState<"question" | "answer">("question");
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(360);
  const request: PreviewRequest = {
    source: "trivia-edge-studio",
    question,
    index,
    total,
    title,
    stage,
    defaultSeconds: currentPacing().questionSeconds,
  };
  const latest = useRef(request);
  latest.current = request;

  const post = () => frame.current?.contentWindow?.postMessage(latest.current, window.location.origin);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every change of what is shown is posted
  useEffect(post, [question, index, total, title, stage, device]);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin === window.location.origin && e.source === frame.current?.contentWindow) post();
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  });
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const t = useStore(messages);
  const size = SIZES[device];
  const scale = Math.min(width / size.width, size.maxHeight / size.height, 1);
  const n = index + 1;
  return (
    <section className="studio-preview" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`} className="studio-section-title">
        {t.preview}
      </h2>
      <div className="studio-preview-switches">
        <fieldset className="studio-switch">
          <legend className="sr-only">{t.screen}</legend>
          {(["phone", "projector"] as const).map((d) => (
            <label key={d} className={`segment${device === d ? " on" : ""}`}>
              <input type="radio" name={`${id}-device`} checked={device === d} onChange={() => setDevice(d)} />
              {d === "phone" ? t.phone : t.projector}
            </label>
          ))}
        </fieldset>
        <fieldset className="studio-switch">
          <legend className="sr-only">{t.moment}</legend>
          {(["question", "answer"] as const).map((s) => (
            <label key={s} className={`segment${stage === s ? " on" : ""}`}>
              <input type="radio" name={`${id}-stage`} checked={stage === s} onChange={() => setStage(s)} />
              {s === "question" ? t.asking : t.answerShown}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="field-hint" id={`${id}-d`}>
        {fill(
          stage === "question"
            ? device === "phone"
              ? t.askedPhone
              : t.askedProjector
            : device === "phone"
              ? t.shownPhone
              : t.shownProjector,
          { n },
        )}
      </p>
      <div ref={box} className="studio-preview-box">
        <div
          className={`studio-preview-frame ${device}`}
          style={{ width: size.width * scale, height: size.height * scale }}
        >
          <iframe
            key={device}
            ref={frame}
            src={`/studio/preview?as=${device}`}
            title={fill(device === "phone" ? t.phoneTitle : t.projectorTitle, { n })}
            width={size.width}
            height={size.height}
            tabIndex={-1}
            inert
            onLoad={post}
            style={{ transform: `scale(${scale})` }}
          />
        </div>
      </div>
    </section>
  );
}
