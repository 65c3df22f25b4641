/**
 * Saved quizzes in D1: the `quizzes` table of migrations/0001_create_quizzes.sql. Each function is one statement,
 * so every write is atomic on its own; a save's version check and its write are the same UPDATE.
 */
import type { Quiz } from "../protocol";
import { newQuizId } from "./ids";
import type { SavedQuiz } from "./types";

interface QuizRow {
  id: string;
  title: string;
  body: string;
  question_count: number;
  created_at: number;
  updated_at: number;
  edit_token_hash: string;
  version: number;
}

/** A row as the API shows it (never its token hash). */
export function savedQuiz(row: QuizRow): SavedQuiz {
  return {
    id: row.id,
    title: row.title,
    questionCount: row.question_count,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    quiz: JSON.parse(row.body) as Quiz,
  };
}

export async function findQuiz(db: D1Database, id: string): Promise<QuizRow | null> {
  return db.prepare("SELECT * FROM quizzes WHERE id = ?").bind(id).first<QuizRow>();
}

/** Stores a new quiz (version 1) under a fresh id. */
export async function insertQuiz(db: D1Database, quiz: Quiz, editTokenHash: string): Promise<QuizRow> {
  const now = Date.now();
  // 72 random bits make a clash practically impossible; should one happen, the next id is tried, not overwritten.
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db
      .prepare(
        `INSERT INTO quizzes (id, title, body, question_count, created_at, updated_at, edit_token_hash, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING RETURNING *`,
      )
      .bind(newQuizId(), quiz.title, JSON.stringify(quiz), quiz.questions.length, now, now, editTokenHash)
      .first<QuizRow>();
    if (row) return row;
  }
  throw new Error("no free quiz id after 3 attempts");
}

/**
 * Replaces the quiz if, and only if, it is still at `version`: returns the new row, or null when the version moved
 * on (or the quiz is gone) in the meantime. Of two saves on one version exactly one matches.
 */
export async function updateQuiz(db: D1Database, id: string, version: number, quiz: Quiz): Promise<QuizRow | null> {
  return db
    .prepare(
      `UPDATE quizzes SET title = ?, body = ?, question_count = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ? RETURNING *`,
    )
    .bind(quiz.title, JSON.stringify(quiz), quiz.questions.length, Date.now(), id, version)
    .first<QuizRow>();
}

/** Deletes the quiz; false when there was none. */
export async function deleteQuiz(db: D1Database, id: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM quizzes WHERE id = ?").bind(id).run();
  return result.meta.changes > 0;
}
