/** "Pick several": players pick a set of choices; they score only with exactly the right set. */
import { ChoiceList, keepChoices, writeChoices } from "./choices";
import { kindText } from "./text";
import type { KindModule } from "./types";

export const multiKind: KindModule = {
  kind: "multi",
  get label() {
    return kindText.get().multiLabel;
  },
  get hint() {
    return kindText.get().multiHint;
  },
  read: (q) => (q.kind === "multi" ? { choices: [...q.choices], correct: [...q.correct] } : {}),
  write: (q) => writeChoices(q, "many"),
  switchTo: (q) => keepChoices(q, "many"),
  play(q) {
    const { fields } = writeChoices(q, "many");
    const right = fields.correct as number[];
    const choices = fields.choices as string[];
    const wrong = choices.findIndex((_, i) => !right.includes(i));
    return { choices, correct: { choices: right }, wrongAnswer: wrong >= 0 ? [wrong] : null };
  },
  problem: (key, issue) =>
    key === "correct" && (issue.code === "too_small" || issue.code === "invalid_type")
      ? kindText.get().multiMarkOne
      : undefined,
  Fields: (props) => <ChoiceList {...props} marking="many" />,
};
