/**
 * Seats kept on this device, so a reload (or a closed tab) comes back into the same game: the host's token and the
 * player's token per game code. localStorage may be unavailable (private modes); then nothing is remembered.
 */
export interface PlayerSeat {
  token: string;
  playerId: string;
  name: string;
}

export interface HostSeat {
  token: string;
  joinUrl?: string;
}

/** A phone paired as a game's remote: its own token (never the host's). */
export interface RemoteSeat {
  token: string;
  remoteId: string;
  label: string;
}

const PREFIX = "trivia-edge";

function read<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the game still works, it just cannot resume after a reload.
  }
}

export const seats = {
  player: (code: string) => read<PlayerSeat>(`${PREFIX}:player:${code}`),
  setPlayer: (code: string, seat: PlayerSeat | null) => write(`${PREFIX}:player:${code}`, seat),
  host: (code: string) => read<HostSeat>(`${PREFIX}:host:${code}`),
  setHost: (code: string, seat: HostSeat | null) => write(`${PREFIX}:host:${code}`, seat),
  remote: (code: string) => read<RemoteSeat>(`${PREFIX}:remote:${code}`),
  setRemote: (code: string, seat: RemoteSeat | null) => write(`${PREFIX}:remote:${code}`, seat),
  lastName: () => read<string>(`${PREFIX}:name`),
  setLastName: (name: string) => write(`${PREFIX}:name`, name),
};

/**
 * Sound on or off, remembered per device and per screen: the big screen plays unless muted, a phone stays silent
 * unless its player turns sound on.
 */
export const soundSetting = {
  on: (screen: "host" | "player") => read<boolean>(`${PREFIX}:sound:${screen}`) ?? screen === "host",
  set: (screen: "host" | "player", on: boolean) => write(`${PREFIX}:sound:${screen}`, on),
};

/**
 * This browser's device id: random, made once and kept, sent with every join so that a host's kick can keep this
 * device out of that game. It is no identity (nothing else is tied to it), and clearing the site's data, a private
 * window or another browser makes a new one (docs/protocol.md says so).
 */
export function deviceId(): string | null {
  const key = `${PREFIX}:device`;
  const known = read<string>(key);
  if (known && /^[A-Za-z0-9_-]{16,64}$/.test(known)) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const made = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  write(key, made);
  // Storage may be off (then every join is a new device, and nothing is remembered anyway).
  return read<string>(key) ?? made;
}
