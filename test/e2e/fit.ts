/**
 * Measures, in the page, whether the big screen fits its window: the page does not scroll; every given box is
 * wholly on screen, above the control bar and not covered by anything (checked with elementFromPoint at five points
 * inside it); the stage's text did not overflow it; and no word or number is split across two lines (each word's
 * Range gives client rects on one line only). Returns the problems found, in words, so a failure says what broke.
 */
import type { Page } from "playwright-core";

export interface FitReport {
  problems: string[];
  /** Computed font sizes, to see how far the text had to shrink. */
  questionPx: number | null;
  choicePx: number | null;
}

export async function measureFit(page: Page, boxes: string): Promise<FitReport> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > vh || root.scrollWidth > vw) {
      problems.push(`the page scrolls: content ${root.scrollWidth}×${root.scrollHeight} in a ${vw}×${vh} window`);
    }
    const bar = document.querySelector(".controls");
    const barTop = bar ? bar.getBoundingClientRect().top : vh;
    const stage = document.querySelector<HTMLElement>(".stage");
    if (!stage) problems.push("no stage on the page");
    else {
      if (stage.scrollHeight > stage.clientHeight + 1 || stage.scrollWidth > stage.clientWidth + 1) {
        problems.push(
          `the stage overflows: ${stage.scrollWidth}×${stage.scrollHeight} in ${stage.clientWidth}×${stage.clientHeight}`,
        );
      }
      if (stage.classList.contains("fit-exhausted")) problems.push("the text could not shrink enough to fit");
    }
    const items = Array.from(document.querySelectorAll<HTMLElement>(selector));
    if (items.length === 0) problems.push(`nothing matches ${selector}`);
    const name = (el: Element) =>
      `${selector} #${items.indexOf(el as HTMLElement)} ("${(el.textContent ?? "").slice(0, 30)}")`;
    for (const el of items) {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) {
        problems.push(`${name(el)} has no size`);
        continue;
      }
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > barTop + 0.5) {
        problems.push(
          `${name(el)} is not wholly on screen above the control bar: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} (bar at ${Math.round(barTop)})`,
        );
      }
      const points: [number, number][] = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + r.width * 0.12, r.top + r.height / 2],
        [r.right - r.width * 0.12, r.top + r.height / 2],
        [r.left + r.width / 2, r.top + r.height * 0.15],
        [r.left + r.width / 2, r.bottom - r.height * 0.15],
      ];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !(hit === el || el.contains(hit))) {
          problems.push(
            `${name(el)} is covered at ${Math.round(x)},${Math.round(y)} by ${hit ? `${hit.tagName}.${hit.className}` : "nothing"}`,
          );
          break;
        }
      }
    }
    // Words: runs of characters between the places a line may rightly break (spaces, after a hyphen or a slash).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(".sr-only, dialog:not([open])")) continue;
      for (const m of (node.textContent ?? "").matchAll(/[^\s\-/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index ?? 0);
        range.setEnd(node, (m.index ?? 0) + m[0].length);
        const lines = new Set(
          Array.from(range.getClientRects())
            .filter((rect) => rect.width > 0)
            .map((rect) => Math.round(rect.bottom)),
        );
        if (lines.size > 1) problems.push(`"${m[0]}" is split across ${lines.size} lines`);
      }
    }
    const px = (sel: string) => {
      const el = document.querySelector(sel);
      return el ? Number.parseFloat(getComputedStyle(el).fontSize) : null;
    };
    return { problems, questionPx: px(".stage-text"), choicePx: px(".choice-label") };
  }, boxes);
}
