/**
 * The JSON Schema of the quiz format (GET /api/quiz-schema.json), generated from the zod schema the importers use so
 * the two cannot disagree. Editors such as VS Code validate and complete a quiz file against it.
 */
import { z } from "zod";
import { Quiz } from "../protocol";

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
  }
  cached = {
    ...schema,
    title: "trivia-edge quiz",
    description:
      "A quiz for trivia-edge: a title and 1-100 questions of five kinds (choice, truefalse, multi, type, poll). See docs/quiz-format.md.",
  };
  return cached;
}

function correctHelp(kind: string): string {
  switch (kind) {
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
