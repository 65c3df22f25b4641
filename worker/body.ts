/**
 * Request bodies: read with a size cap, chunk by chunk, so an oversized body is refused after at most `max` bytes
 * were kept in memory, whatever its Content-Length says (or leaves unsaid); and, for every request whatever its
 * route or answer, whatever is left of the body read to its end and thrown away (up to DRAIN_BYTES, then
 * cancelled) before the answer goes out (`settleBody`, the worker's outermost middleware).
 *
 * Why: workerd resets a keep-alive connection whose request body the handler left unread, so a 413, a 405, a 404 or
 * a 429 answered without reading the body broke the connection, and with it the client's next request on it (a
 * proxy in front of workerd, Vite's preview server locally, answered that one with an error page).
 */
import { ApiError } from "./http";

/** How much of a refused body is read and discarded before the stream is cancelled instead. */
export const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and discards whatever a request's handler left of its body (bounded by DRAIN_BYTES, then cancelled). A body
 * read to its end, or still held by a reader, is left alone.
 */
export async function settleBody(req: Request): Promise<void> {
  const body = req.body;
  if (!body || body.locked) return;
  await drain(body.getReader());
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let drained = 0;
  try {
    while (drained <= DRAIN_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.byteLength;
    }
    await reader.cancel("request body too large");
  } catch {
    // The client went away mid-body: nothing left to keep healthy.
  }
}

/**
 * The body's bytes, at most `max` of them. A bigger body (declared or counted) throws `tooLarge()` at once, and
 * `settleBody` reads the rest; no body at all reads as zero bytes.
 */
export async function readCapped(req: Request, max: number, tooLarge: () => ApiError): Promise<Uint8Array> {
  const body = req.body;
  if (!body) return new Uint8Array(0);
  const declared = Number(req.headers.get("Content-Length") ?? Number.NaN);
  if (declared > max) throw tooLarge();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      // What is left is settleBody's to drain.
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder();

/** A JSON body's text, capped at `max` bytes (413 payload_too_large past it). */
export async function readCappedText(req: Request, max: number): Promise<string> {
  const bytes = await readCapped(
    req,
    max,
    () => new ApiError(413, "payload_too_large", `Request bodies are limited to ${Math.round(max / 1024)} KB.`),
  );
  return decoder.decode(bytes);
}
