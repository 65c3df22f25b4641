/** Every question kind the editor can write, in the order the "Add a question" buttons offer them. */
import type { QuestionKind } from "@protocol/values";
import { choiceKind } from "./choice";
import { multiKind } from "./multi";
import { orderKind } from "./order";
import { pollKind } from "./poll";
import { sliderKind } from "./slider";
import { trueFalseKind } from "./truefalse";
import { typeKind } from "./type";
import type { KindModule } from "./types";

export const KINDS: Record<QuestionKind, KindModule> = {
  choice: choiceKind,
  truefalse: trueFalseKind,
  multi: multiKind,
  type: typeKind,
  poll: pollKind,
  slider: sliderKind,
  order: orderKind,
};

export const KIND_ORDER: readonly KindModule[] = Object.values(KINDS);

export type { ChangeQuestion, KindModule } from "./types";
