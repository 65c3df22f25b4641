/**
 * Saving a file the app made or fetched (results, an exported quiz). Host-only: imported by the host chunk, so a
 * player's phone never downloads it.
 */

/**
 * The file name a server suggested in Content-Disposition (RFC 6266), or null. A cross-origin build cannot read the
 * header unless the API exposes it, so callers keep a fallback name of the same shape.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()));
    } catch {
      // A malformed escape: fall back to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2];
  return name ? safeName(name) : null;
}

/** Browsers sanitise download names too; this keeps a server's name from carrying a path. */
function safeName(name: string): string | null {
  const base = name.split(/[/\\]/).pop()?.trim() ?? "";
  return base && base !== "." && base !== ".." ? base : null;
}

/** A title turned into a file name that every system accepts: "Friday quiz!" → "friday-quiz". */
export function slugify(title: string, fallback = "quiz"): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** Hands a blob to the browser as a download with this name. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously in some browsers; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
