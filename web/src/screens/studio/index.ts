/** The quiz studio's screens: one chunk, loaded on demand, never by a player's phone. */
import "./studio.css";

export { MyQuizzes } from "./MyQuizzes";
export { ShareView } from "./ShareView";
export { Studio } from "./Studio";
