/**
 * What the host's forms offer before anyone chooses: the API's own default for the lead-in is none (so bots and old
 * clients see no change), but a room reads better with a moment to take the question in before the answers open.
 */
export const FORM_READ_SECONDS = 3;
