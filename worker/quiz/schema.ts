/**
 * The JSON Schema of the quiz format (GET /api/quiz-schema.json), generated from the zod schema the importers use so
 * the two cannot disagree. Editors such as VS Code validate and complete a quiz file against it.
 */
import { z } from "zod";
import { Quiz } from "../protocol/schemas";
import { LIMITS } from "../protocol/values";

type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | null = null;

export function quizJsonSchema(): JsonSchema {
  if (cached) return cached;
  const schema = z.toJSONSchema(Quiz, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  const questions = (schema.properties as Record<string, JsonSchema>).questions as JsonSchema;
  const variants = ((questions.items as JsonSchema).oneOf ?? []) as JsonSchema[];
  for (const variant of variants) {
    const props = variant.properties as Record<string, JsonSchema>;
    const kind = props.kind?.const;
    // The parser reads a question without `kind` as a choice question; say so here too.
    if (kind === "choice") variant.required = (variant.required as string[]).filter((k) => k !== "kind");
    // The image rule is a refinement, which JSON Schema cannot see: state it as a pattern (https, or an upload).
    if (props.image) props.image = { ...props.image, pattern: "^(https://|/api/images/[0-9a-f]{64}$)" };
    if (props.correct) props.correct = { ...props.correct, description: correctHelp(String(kind)) };
    if (kind === "slider") describeSlider(variant, props);
    if (kind === "order" && props.items) {
      props.items = { ...props.items, description: "The items in the right order; each game shows them shuffled." };
    }
  }
  cached = {
    ...schema,
    title: "trivia-edge quiz",
    description:
      "A quiz for trivia-edge: a title and 1-100 questions of seven kinds (choice, truefalse, multi, type, poll, slider, order). See docs/quiz-format.md.",
  };
  return cached;
}

/** What JSON Schema cannot check of a slider's numbers, said where an editor shows it. */
function describeSlider(variant: JsonSchema, props: Record<string, JsonSchema>): void {
  const { decimals, maxSteps } = LIMITS.slider;
  variant.description =
    `A number on a scale. The step must divide max − min into at most ${maxSteps} steps; correct must be on a step; ` +
    `tolerance a whole number of steps; every number at most ${decimals} decimal places.`;
  const help: Record<string, string> = {
    min: "The lowest value on the slider.",
    max: "The highest value on the slider.",
    step: "The distance between two values (default 1).",
    tolerance: "How far from correct a guess still earns full points (default 0).",
    unit: 'Shown after the number, e.g. "km".',
  };
  for (const [key, description] of Object.entries(help)) {
    if (props[key]) props[key] = { ...props[key], description };
  }
}

function correctHelp(kind: string): string {
  switch (kind) {
    case "slider":
      return "The right value: full points within the tolerance, fewer the further off, none a tenth of the range beyond it.";
    case "choice":
      return "Index (from 0) of the one correct choice.";
    case "truefalse":
      return "Whether the statement is true.";
    case "multi":
      return "Indexes (from 0) of every correct choice; points only for exactly this set.";
    default:
      return "";
  }
}
