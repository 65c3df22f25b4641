/** "Poll": players vote; there is no right answer and nobody scores. */
import { ChoiceList, keepChoices, writeChoices } from "./choices";
import { kindText } from "./text";
import type { KindModule } from "./types";

export const pollKind: KindModule = {
  kind: "poll",
  get label() {
    return kindText.get().pollLabel;
  },
  get hint() {
    return kindText.get().pollHint;
  },
  read: (q) => (q.kind === "poll" ? { choices: [...q.choices] } : {}),
  write: (q) => writeChoices(q, "none"),
  switchTo: (q) => keepChoices(q, "none"),
  play(q) {
    const choices = writeChoices(q, "none").fields.choices as string[];
    return { choices, correct: { choices: [] }, wrongAnswer: 0 };
  },
  Fields: (props) => <ChoiceList {...props} marking="none" />,
};
