import { describe, expect, test } from "vitest";
import * as copied from "../../web/src/lib/protocol-values";
import { CLOSE_CODES, LIMITS } from "../../worker/protocol";

// The web app copies these few values so its first download does not include zod; they must not drift.
describe("values the web app copies from the protocol", () => {
  test("close codes", () => {
    expect(copied.CLOSE).toEqual(CLOSE_CODES);
  });
  test("limits", () => {
    expect(copied.NAME_MAX).toBe(LIMITS.nameLength);
    expect(copied.TYPED_ANSWER_MAX).toBe(LIMITS.typedAnswerLength);
    expect(copied.QUESTION_COUNT).toEqual(LIMITS.questionCount);
    expect(copied.QUESTION_SECONDS).toEqual(LIMITS.questionSeconds);
    expect(copied.REVEAL_SECONDS).toEqual(LIMITS.revealSeconds);
  });
});
