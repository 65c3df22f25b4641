/**
 * Phones paired as the host's remote control. The host's screen asks for a pairing code (`pair`) and shows it as a
 * QR code; a phone exchanges it once (POST /api/games/:code/remotes) for a remote seat of its own: its own token, never
 * the host's, which a room full of people looking at the big screen must never see. A code lives a minute, is good
 * for one phone, and dies when a new one is asked for or the host closes it; a remote lives until the host revokes it.
 *
 * Credentials, not rules: the room keeps these beside the engine, as it keeps the host's and players' token hashes.
 * Codes and remotes are stored by hash only.
 */
import { LIMITS, PAIRING_TTL_MS, type RemoteSummary } from "../protocol/values";
import type { GameStore, StoredRemote } from "./store";
import { hashToken, newPairingCode, newPlayerId, newRemoteToken, sameHash } from "./tokens";

export type PairOutcome =
  | { ok: true; remote: StoredRemote; remoteToken: string }
  | { ok: false; code: "pairing_invalid" | "pairing_used" | "pairing_expired"; message: string };

export class Remotes {
  private list: StoredRemote[];

  constructor(private readonly store: GameStore) {
    this.list = store.remotes();
  }

  /** A fresh pairing code, valid for a minute; any earlier one dies with it. */
  async startPairing(now: number): Promise<{ pairingCode: string; expiresAt: number }> {
    const pairingCode = newPairingCode();
    const expiresAt = now + PAIRING_TTL_MS;
    this.store.replacePairing({ codeHash: await hashToken(pairingCode), expiresAt, usedAt: null });
    return { pairingCode, expiresAt };
  }

  /** The host closed the pairing QR before anyone used it: its code dies at once. */
  cancelPairing(): void {
    this.store.replacePairing(null);
  }

  /**
   * Exchanges a pairing code for a remote seat, once. Everything that awaits happens before the code is checked, so
   * two phones racing with the same code cannot both pass: the check and the marking of the code as used are one
   * synchronous step.
   */
  async pair(pairingCode: string, label: string | undefined, now: number): Promise<PairOutcome> {
    const id = newPlayerId();
    const remoteToken = newRemoteToken(id);
    const [codeHash, tokenHash] = await Promise.all([hashToken(pairingCode), hashToken(remoteToken)]);
    const pairing = this.store.pairing();
    if (!pairing || !sameHash(codeHash, pairing.codeHash)) {
      return {
        ok: false,
        code: "pairing_invalid",
        message: "That pairing code is not this game's. On the big screen, press Remote to show a new one.",
      };
    }
    if (pairing.usedAt !== null) {
      return {
        ok: false,
        code: "pairing_used",
        message: "That pairing code has already paired a phone. On the big screen, press Remote for a new one.",
      };
    }
    if (now >= pairing.expiresAt) {
      return {
        ok: false,
        code: "pairing_expired",
        message: "That pairing code has expired (they last a minute). On the big screen, press Remote for a new one.",
      };
    }
    this.store.replacePairing({ ...pairing, usedAt: now });
    const number = this.list.length + 1;
    const remote: StoredRemote = {
      id,
      label: (label ?? "").slice(0, LIMITS.remoteLabelLength) || `Remote ${number}`,
      tokenHash,
      pairedAt: now,
      revoked: false,
    };
    this.store.insertRemote(remote);
    this.list.push(remote);
    return { ok: true, remote, remoteToken };
  }

  /** Revokes a remote: its token stops working for good. False when there is no such (live) remote. */
  revoke(id: string): boolean {
    const remote = this.list.find((r) => r.id === id && !r.revoked);
    if (!remote) return false;
    remote.revoked = true;
    this.store.revokeRemote(id);
    return true;
  }

  /** Whether `hash` is the token hash of remote `id`, and whether that remote was revoked. */
  check(id: string, hash: string): "ok" | "revoked" | null {
    const remote = this.list.find((r) => r.id === id);
    if (!remote || !sameHash(hash, remote.tokenHash)) return null;
    return remote.revoked ? "revoked" : "ok";
  }

  label(id: string): string | null {
    return this.list.find((r) => r.id === id)?.label ?? null;
  }

  /** The live remotes, as the host's screen lists them. */
  summaries(connected: (id: string) => boolean): RemoteSummary[] {
    return this.list
      .filter((r) => !r.revoked)
      .map((r) => ({ id: r.id, label: r.label, pairedAt: r.pairedAt, connected: connected(r.id) }));
  }

  /** Forgets everything (the game's data is being deleted). */
  clear(): void {
    this.list = [];
  }
}
