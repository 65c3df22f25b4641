/**
 * Routes: / (home), /join/:code, /play/:code (player), /host/:code (host, loaded on demand), /remote/:code (a phone
 * paired as the host's remote, loaded on demand); the quiz studio's
 * /studio, /quizzes and /quiz/:id (one chunk, loaded on demand) and /studio/preview (inside the editor's previews).
 */
import { useStore } from "@nanostores/react";
import { lazy, Suspense } from "react";
import { Screen, Title } from "./components/Screen";
import { i18n } from "./i18n";
import { matchRoute, usePath } from "./lib/router";
import { Home } from "./screens/Home";
import { Join } from "./screens/Join";
import { Player } from "./screens/Player";

// The host screen (QR code, charts, controls) is split off: a player's phone never downloads it.
const Host = lazy(() => import("./screens/host/Host"));
// The remote control, for the phone a host pairs: its own chunk too.
const Remote = lazy(() => import("./screens/remote/Remote"));
// The quiz studio (editor, My quizzes, share view) is one more chunk, for hosts who write quizzes.
const studio = () => import("./screens/studio/index");
const Studio = lazy(() => studio().then((m) => ({ default: m.Studio })));
const MyQuizzes = lazy(() => studio().then((m) => ({ default: m.MyQuizzes })));
const ShareView = lazy(() => studio().then((m) => ({ default: m.ShareView })));
const PreviewFrame = lazy(() => import("./screens/studio/PreviewFrame"));

const messages = i18n("app", {
  notFound: "Page not found",
  nothingHere: "There is nothing at this address.",
  toStart: "Go to the start",
  loading: "Loading…",
});

export function App() {
  const t = useStore(messages);
  const route = matchRoute(usePath());
  switch (route.name) {
    case "home":
      return <Home />;
    case "join":
      return <Join key={route.code ?? ""} initialCode={route.code} />;
    case "play":
      return <Player key={route.code} code={route.code} />;
    case "host":
      return (
        <Suspense fallback={<Loading />}>
          <Host key={route.code} code={route.code} />
        </Suspense>
      );
    case "remote":
      return (
        <Suspense fallback={<Loading />}>
          <Remote key={route.code} code={route.code} />
        </Suspense>
      );
    case "studio":
      return (
        <Suspense fallback={<Loading />}>
          <Studio />
        </Suspense>
      );
    case "studioPreview":
      return (
        <Suspense fallback={null}>
          <PreviewFrame />
        </Suspense>
      );
    case "quizzes":
      return (
        <Suspense fallback={<Loading />}>
          <MyQuizzes />
        </Suspense>
      );
    case "quiz":
      return (
        <Suspense fallback={<Loading />}>
          <ShareView key={route.id} id={route.id} />
        </Suspense>
      );
    case "notFound":
      return (
        <Screen>
          <div className="center-stack">
            <Title>{t.notFound}</Title>
            <p className="big-message">{t.nothingHere}</p>
            <a className="btn btn-primary" href="/">
              {t.toStart}
            </a>
          </div>
        </Screen>
      );
  }
}

function Loading() {
  const t = useStore(messages);
  return (
    <Screen>
      <div className="center-stack">
        <p className="big-message" role="status">
          {t.loading}
        </p>
      </div>
    </Screen>
  );
}
