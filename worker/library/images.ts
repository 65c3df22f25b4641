/**
 * Question images in R2, stored once under the SHA-256 of their bytes.
 *
 * The type is decided by the file's magic bytes (file-type's signatures), never by its name or the upload's
 * Content-Type, and only PNG, JPEG, WebP and GIF are kept. Served back with that type, `nosniff` and an immutable
 * cache header: the URL names the bytes, so they can never change under it.
 */
import { fileTypeFromBuffer } from "file-type";
import type { ImageType, UploadedImage } from "./types";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** What file-type may report for the four accepted formats. An animated PNG is still a PNG file. */
const ACCEPTED: Record<string, ImageType> = {
  "image/png": "image/png",
  "image/apng": "image/png",
  "image/jpeg": "image/jpeg",
  "image/webp": "image/webp",
  "image/gif": "image/gif",
};

/** The image type of these bytes, or null when they are not a PNG, JPEG, WebP or GIF. */
export async function sniffImageType(bytes: Uint8Array): Promise<ImageType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && ACCEPTED[found.mime]) ?? null;
}

export function isImageHash(hash: string): boolean {
  return HASH_PATTERN.test(hash);
}

export function imagePath(hash: string): string {
  return `/api/images/${hash}`;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores the bytes under their hash unless that object exists already; the same image uploaded twice is one object. */
export async function storeImage(bucket: R2Bucket, bytes: Uint8Array, contentType: ImageType): Promise<UploadedImage> {
  const hash = await sha256Hex(bytes);
  if (!(await bucket.head(hash))) {
    // R2 checks the bytes against `sha256` as it stores them, so a key never holds other bytes than it names.
    await bucket.put(hash, bytes, { httpMetadata: { contentType }, sha256: hash });
  }
  return { url: imagePath(hash), hash, contentType, bytes: bytes.byteLength };
}

const IMMUTABLE = "public, max-age=31536000, immutable";

/** Whether an If-None-Match header names this ETag (or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** The stored image as an HTTP response (304 when the client already has it), or null when there is none. */
export async function serveImage(bucket: R2Bucket, hash: string, ifNoneMatch: string | null): Promise<Response | null> {
  const etag = `"${hash}"`;
  const conditional = matches(ifNoneMatch, etag);
  const object = conditional ? await bucket.head(hash) : await bucket.get(hash);
  if (!object) return null;
  const headers = new Headers({ ETag: etag, "Cache-Control": IMMUTABLE, "X-Content-Type-Options": "nosniff" });
  if (conditional) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", object.httpMetadata?.contentType ?? "application/octet-stream");
  headers.set("Content-Length", String(object.size));
  return new Response((object as R2ObjectBody).body, { headers });
}
