/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the game API when the site is hosted elsewhere (e.g. https://trivia.example.workers.dev). */
  readonly VITE_API_ORIGIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
