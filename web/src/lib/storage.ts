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
