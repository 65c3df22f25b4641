/**
 * Reading request bodies with a size cap, chunk by chunk, so an oversized upload is refused after at most `max`
 * bytes were kept in memory, whatever its Content-Length says (or leaves unsaid).
 *
 * A refused body is still read to its end and thrown away (up to DRAIN_BYTES, then cancelled): workerd resets a
 * keep-alive connection whose request body a handler left unread, and a proxy in front of it (Vite's preview server
 * locally) then answers the client's next request on that connection with an error page.
 */
import { ApiError } from "../http";

/** How much of a refused body is read and discarded before the stream is cancelled instead. */
export const DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads and discards whatever is left of a body (bounded by DRAIN_BYTES), then releases it. */
export async function discardBody(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  await drain(reader);
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
 * The body's bytes, at most `max` of them. A bigger body (declared or counted) is drained and `tooLarge()` thrown;
 * no body at all reads as zero bytes.
 */
export async function readCapped(req: Request, max: number, tooLarge: () => ApiError): Promise<Uint8Array> {
  const body = req.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const declared = Number(req.headers.get("Content-Length") ?? Number.NaN);
  if (declared > max) {
    await drain(reader);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await drain(reader);
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
    () => new ApiError(413, "payload_too_large", `This request's body is limited to ${Math.round(max / 1024)} KB.`),
  );
  return decoder.decode(bytes);
}
