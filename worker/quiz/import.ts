/**
 * One entry point for every quiz importer. Each is a pure function from a file's text to a quiz or to the full list
 * of its problems, so the same code can run in the worker (POST /api/quizzes/import) and in tests.
 */
import type { QuizFormat } from "../protocol/values";
import { importCsv } from "./csv";
import { importJson } from "./json";
import { importOpenTdb } from "./opentdb";
import type { ImportResult } from "./problems";

export function importQuiz(format: QuizFormat, content: string, options: { title?: string } = {}): ImportResult {
  switch (format) {
    case "json":
      return importJson(content, options);
    case "csv":
      return importCsv(content, options);
    case "opentdb":
      return importOpenTdb(content, options);
  }
}
