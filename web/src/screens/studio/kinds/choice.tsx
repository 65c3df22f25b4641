/** "Multiple choice": players pick one of 2–6 choices; one is right. */
import { ChoiceList, keepChoices, writeChoices } from "./choices";
import { kindText } from "./text";
import type { KindModule } from "./types";

export const choiceKind: KindModule = {
  kind: "choice",
  get label() {
    return kindText.get().choiceLabel;
  },
  get hint() {
    return kindText.get().choiceHint;
  },
  read: (q) => (q.kind === "choice" ? { choices: [...q.choices], correct: [q.correct] } : {}),
  write: (q) => writeChoices(q, "one"),
  switchTo: (q) => keepChoices(q, "one"),
  play(q) {
    const { fields } = writeChoices(q, "one");
    const right = typeof fields.correct === "number" ? fields.correct : null;
    const choices = fields.choices as string[];
    return { choices, correct: { choices: right === null ? [] : [right] }, wrongAnswer: right === 0 ? 1 : 0 };
  },
  problem: (key, issue) =>
    key === "correct" && (issue.code === "invalid_type" || issue.code === "custom")
      ? kindText.get().choiceMarkRight
      : undefined,
  Fields: (props) => <ChoiceList {...props} marking="one" />,
};
