/**
 * Values the client needs from worker/protocol.ts, copied so the player's bundle does not pull in zod (the protocol
 * module builds its schemas at import time, which a bundler cannot drop). test/web/protocol-values.test.ts checks
 * that each copy still equals the protocol's own value.
 */
export const CLOSE = {
  invalidToken: 4001,
  helloTimeout: 4002,
  kicked: 4003,
  gameGone: 4004,
  protocolError: 4008,
} as const;

export const NAME_MAX = 24;
export const TYPED_ANSWER_MAX = 100;

export const QUESTION_COUNT = { min: 1, max: 50, default: 10 } as const;
export const QUESTION_SECONDS = { min: 5, max: 120, default: 20 } as const;
export const REVEAL_SECONDS = { min: 0, max: 60, default: 5 } as const;
