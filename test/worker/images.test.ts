/**
 * Question images through the real worker and the real local R2: the type is read from the bytes, each image is
 * stored once under its SHA-256, served back immutable; anything else is refused and stores nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DRAIN_BYTES } from "../../worker/body";
import { api, apiJson } from "./client";
import { expectError, sha256Hex, uploadImage } from "./library-client";

function base64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * Real, tiny image files: a 2×2 picture encoded by Chromium's canvas (toDataURL as PNG, JPEG and WebP), and the
 * classic 1×1 transparent GIF89a.
 */
const IMAGES = {
  "image/png": base64(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGElEQVR4AWKSKn7x/8sWhv9MtxwlGEAAAAAA///cyhUWAAAABklEQVQDAEytBlMSOOUQAAAAAElFTkSuQmCC",
  ),
  "image/jpeg": base64(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAZEAEBAQEBAQAAAAAAAAAAAAACAQARA1H/xAAVAQEBAAAAAAAAAAAAAAAAAAAGB//EABwRAAEDBQAAAAAAAAAAAAAAAAABAnEDBDIzsf/aAAwDAQACEQMRAD8AoQB8wQDCDOQycknyZmaJXO58r0ZUsGwf/9k=",
  ),
  "image/webp": base64(
    "UklGRiYCAABXRUJQVlA4WAoAAAAgAAAAAQAAAQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggOAAAANABAJ0BKgIAAgABQCYloAJ0ugACsw6gAP7yf2Eyx/WSSTSZQg1f/Yzf/Rm/+jN/YA+2zB9BaAAA",
  ),
  "image/gif": base64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
} as const;

const MB = 1024 * 1024;

/** Every object in the bucket, key → when it was stored. */
async function bucketContents(): Promise<Map<string, number>> {
  const listed = await env.IMAGES.list();
  return new Map(listed.objects.map((o) => [o.key, o.uploaded.getTime()]));
}

/** The PNG above, padded after its end with zeros to `size` bytes (still a PNG to any reader). */
function pngOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(IMAGES["image/png"]);
  return bytes;
}

describe("uploading an image (POST /api/images)", () => {
  it.each(Object.entries(IMAGES))(
    "stores a %s under its SHA-256 and serves it back with its real type",
    async (type, bytes) => {
      // The upload's own Content-Type is ignored: the bytes decide.
      const res = await uploadImage(bytes, { "content-type": "application/octet-stream" });
      const hash = await sha256Hex(bytes);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ url: `/api/images/${hash}`, hash, contentType: type, bytes: bytes.byteLength });

      const served = await api(res.body.url);
      expect(served.status).toBe(200);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
      expect(Object.fromEntries(served.headers)).toMatchObject({
        "content-type": type,
        "content-length": String(bytes.byteLength),
        "x-content-type-options": "nosniff",
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${hash}"`,
      });
    },
  );

  it("answers 304 without the bytes when the client already has them (If-None-Match)", async () => {
    const { body } = await uploadImage(IMAGES["image/gif"]);
    for (const tag of [`"${body.hash}"`, `W/"${body.hash}"`, `"other", "${body.hash}"`]) {
      const res = await api(body.url, { headers: { "If-None-Match": tag } });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(`"${body.hash}"`);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
    const stale = await api(body.url, { headers: { "If-None-Match": `"${"0".repeat(64)}"` } });
    expect(stale.status).toBe(200);
    expect(new Uint8Array(await stale.arrayBuffer())).toEqual(IMAGES["image/gif"]);
  });

  it("stores the same bytes once: a second upload gets the same url and leaves the object as it was", async () => {
    const bytes = IMAGES["image/webp"];
    const first = await uploadImage(bytes);
    const stored = await bucketContents();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await uploadImage(bytes, { "content-type": "image/png" });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const after = await bucketContents();
    expect(after).toEqual(stored);
    expect([...after.keys()].filter((key) => key === first.body.hash)).toHaveLength(1);
  });

  it("refuses anything that is not a PNG, JPEG, WebP or GIF by its bytes (415), storing nothing", async () => {
    await uploadImage(IMAGES["image/png"]);
    const before = await bucketContents();
    const encode = (text: string) => new TextEncoder().encode(text);
    const refused = {
      "a text file sent as image/png": encode("This is not a picture, whatever its name says.\n"),
      "an SVG (scripts can live in it)": encode(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ),
      "an HTML page": encode("<!doctype html><title>x</title>"),
      "a BMP (an image, but not one of the four)": base64(
        "Qk06AAAAAAAAADYAAAAoAAAAAQAAAAEAAAABABgAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAA////AA==",
      ),
      "a PNG signature and nothing more": IMAGES["image/png"].slice(0, 8),
      "a GIF's first two bytes": IMAGES["image/gif"].slice(0, 2),
    };
    for (const [what, bytes] of Object.entries(refused)) {
      const res = await uploadImage(bytes, { "content-type": "image/png", "content-disposition": 'filename="x.png"' });
      expect({ what, status: res.status, code: res.body.error?.code }).toEqual({
        what,
        status: 415,
        code: "unsupported_image_type",
      });
    }
    expect(await bucketContents()).toEqual(before);
  });

  it("takes an image of exactly 2 MB and refuses one byte more (413 image_too_large), storing nothing", async () => {
    const exact = await uploadImage(pngOfSize(2 * MB));
    expect(exact.status).toBe(201);
    expect(exact.body).toMatchObject({ contentType: "image/png", bytes: 2 * MB });
    const before = await bucketContents();
    expectError(await uploadImage(pngOfSize(2 * MB + 1)), 413, "image_too_large");
    expect(await bucketContents()).toEqual(before);
  });

  /** A PNG-looking upload of `size` bytes and unknown length, streamed in 64 KB chunks; counts what was pulled. */
  function streamedUpload(size: number) {
    const chunk = pngOfSize(64 * 1024);
    const seen = { sent: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.sent >= size) return controller.close();
        controller.enqueue(chunk.slice());
        seen.sent += chunk.byteLength;
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { body, seen };
  }

  it("refuses a 50 MB upload of unknown length as it streams in, and reads the rest to its end", async () => {
    const before = await bucketContents();
    const { body, seen } = streamedUpload(50 * MB);
    const res = await api("/api/images", { method: "POST", body });
    // Read to its end before the answer went out, not cancelled: a body left half-read makes workerd reset the
    // keep-alive connection it came on, and a proxy reusing that connection fails the client's next request.
    expect({ ...seen }).toEqual({ sent: 50 * MB, cancelled: false });
    expectError({ status: res.status, body: await res.json() }, 413, "image_too_large");
    expect(await bucketContents()).toEqual(before);
  });

  it("stops reading an endless upload after a bounded amount", async () => {
    const { body, seen } = streamedUpload(Number.POSITIVE_INFINITY);
    const res = await api("/api/images", { method: "POST", body });
    expectError({ status: res.status, body: await res.json() }, 413, "image_too_large");
    const atAnswer = seen.sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Nothing pulled since (the runtime's pipe may hold a little more than the worker read).
    expect(seen.sent).toBe(atAnswer);
    expect(atAnswer).toBeGreaterThan(2 * MB + DRAIN_BYTES);
    expect(atAnswer).toBeLessThan(2 * MB + DRAIN_BYTES + 4 * MB);
  });

  it("refuses an empty upload (422 invalid_request)", async () => {
    expectError(await uploadImage(null), 422, "invalid_request");
    expectError(await uploadImage(new Uint8Array(0)), 422, "invalid_request");
  });
});

describe("fetching an image (GET /api/images/:hash)", () => {
  it("answers 404 image_not_found for a hash never uploaded and for anything that is not a hash", async () => {
    for (const hash of ["0".repeat(64), "A".repeat(64), "abc", "0".repeat(65), "..%2Fsecret"]) {
      expectError(await apiJson(`/api/images/${hash}`), 404, "image_not_found");
    }
    expectError(
      await apiJson(`/api/images/${"0".repeat(64)}`, { headers: { "If-None-Match": "*" } }),
      404,
      "image_not_found",
    );
  });
});
