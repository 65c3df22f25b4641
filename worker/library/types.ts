/**
 * What the library routes answer (docs/protocol.md, "Saved quizzes and images"). Types only, so the web app can
 * import them without pulling in anything at run time.
 */
import type { Quiz } from "../protocol";

/** 201 from POST /api/quizzes and POST /api/quizzes/:id/copy. `editToken` is shown this once. */
export interface SavedQuizCreated {
  id: string;
  editToken: string;
  /** The share link: `<origin>/quiz/<id>`. */
  url: string;
  version: number;
  /** ISO 8601. */
  updatedAt: string;
}

/** 200 from GET and PUT /api/quizzes/:id. */
export interface SavedQuiz {
  id: string;
  title: string;
  questionCount: number;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  version: number;
  quiz: Quiz;
}

/** PUT /api/quizzes/:id, with `Authorization: Bearer <editToken>`: the version that was edited, and the quiz. */
export interface SaveQuizBody {
  version: number;
  quiz: Quiz;
}

/** 201 from POST /api/images. */
export interface UploadedImage {
  /** Root-relative: resolve it against the API's origin. */
  url: string;
  /** SHA-256 of the bytes, lowercase hex. */
  hash: string;
  contentType: ImageType;
  bytes: number;
}

export type ImageType = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

/** 200 from GET /api/bank/quiz. */
export interface BankQuizResponse {
  quiz: Quiz;
}
