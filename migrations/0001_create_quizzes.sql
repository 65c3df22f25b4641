-- Saved quizzes (the library). One row per quiz; the quiz itself is the JSON of the documented quiz format, already
-- validated by the worker's Quiz schema. Nobody has an account: whoever holds the edit token (shown once at creation,
-- stored only as its SHA-256) may change or delete the quiz; anyone with the id may read and copy it.
CREATE TABLE quizzes (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  question_count INTEGER NOT NULL CHECK (question_count > 0),
  -- Epoch milliseconds; the API shows them as ISO 8601.
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  edit_token_hash TEXT NOT NULL,
  -- Optimistic concurrency: every save names the version it edited and bumps it (UPDATE ... WHERE version = ?).
  version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0)
) STRICT;
