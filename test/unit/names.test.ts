/**
 * What a name may be, in one place: its shape (the PlayerName schema), the nickname filter, the look-alike key and
 * the random names (worker/game/names.ts).
 */
import { PlayerName } from "@protocol/schemas";
import { describe, expect, it } from "vitest";
import { isOffensive, nameKey, randomName } from "../../worker/game/names";

const refused = (name: string) => !PlayerName.safeParse(name).success;

describe("a name's shape", () => {
  it("refuses text that is not well-formed Unicode (lone surrogates)", () => {
    for (const name of ["x\ud800", "x\ud801", "\udc00y", "a\udfffb", "\ud83d"]) expect(refused(name), name).toBe(true);
    // A real pair is a character like any other.
    expect(refused("Ada \ud83e\udd8a")).toBe(false);
  });

  it("refuses names made only of invisible characters, and line or paragraph separators anywhere", () => {
    const invisible = [
      "\u200b", // zero-width space
      "\u200c\u200d", // zero-width (non-)joiner
      "\u3164", // Hangul filler
      "\u115f\u1160", // Hangul choseong/jungseong fillers
      "\uffa0", // half-width Hangul filler
      "\u200e", // left-to-right mark
      "\u200f\u200f", // right-to-left marks
      "\u2060", // word joiner
      "\ufeff", // byte-order mark
      "\u2800", // blank Braille pattern
      "\u00ad", // soft hyphen
      "\u034f", // combining grapheme joiner
      "\u{e0041}\u{e0064}\u{e0061}", // tag characters
    ];
    for (const name of invisible) expect(refused(name), JSON.stringify(name)).toBe(true);
    for (const name of ["Ada\u2028", "A\u2029da", "\u2028"]) expect(refused(name), JSON.stringify(name)).toBe(true);
    // Visible names with an invisible character inside are accepted (and compared without it).
    expect(refused("Ada\u200b")).toBe(false);
    for (const name of ["Ada", "Zoë", "李雷", "Ω", "42", "!?", "★"]) expect(refused(name), name).toBe(false);
  });
});

describe("names that look alike", () => {
  it("share a key: case, full-width, Cyrillic and Greek look-alikes, invisible characters and spacing", () => {
    const ada = nameKey("Ada");
    for (const same of ["ADA", "ada", "\u0410da", "Ad\u0430", "\uff21\uff44\uff41", "A\u200bda", "\u0391da"]) {
      expect(nameKey(same), JSON.stringify(same)).toBe(ada);
    }
    expect(nameKey("Ada  Lovelace")).toBe(nameKey("Ada Lovelace"));
    expect(nameKey("B0b")).toBe(nameKey("Bob"));
    expect(nameKey("rn")).toBe(nameKey("m"));
    // Case is ignored before look-alikes are (UTS #39): capital I and small L stay apart once lower-cased.
    expect(nameKey("SHITHEAD")).toBe(nameKey("Shithead"));
    expect(nameKey("BILL")).toBe(nameKey("bill"));
  });

  it("keeps different names apart", () => {
    const names = ["Ada", "Adam", "Zoë", "Zoe", "Léa", "Lea", "Bob", "Rob", "李雷", "Brave Otter", "Brave Otter 2"];
    expect(new Set(names.map(nameKey)).size).toBe(names.length);
  });
});

describe("the nickname filter", () => {
  it("refuses offensive names, also in leetspeak and with look-alike letters", () => {
    for (const name of [
      "fuck",
      "FUCK you",
      "fvck",
      "f\u00fcck",
      "\uff46\uff55\uff43\uff4b",
      "sh1t",
      "b1tch",
      "\u0430ss",
    ]) {
      expect(isOffensive(name), name).toBe(true);
    }
  });

  it("lets ordinary names through, including a word inside another and numbers that stand alone", () => {
    const names = ["Ada", "Scunthorpe", "Cockatoo", "Grass", "Classic", "Assassin", "Hancock", "Analyst"];
    for (const name of [...names, "Table 455", "bot 0-455", "Player 455", "455", "Team 5318008"]) {
      expect(isOffensive(name), name).toBe(false);
    }
  });

  it("never gives a player a refused random name", () => {
    // Every two-word name the generator can make is clean.
    let seen = 0;
    for (let a = 0; a < 48; a++) {
      for (let b = 0; b < 48; b++) {
        const values = [a / 48 + 1e-9, b / 48 + 1e-9];
        const name = randomName(
          () => values.shift() ?? 0,
          () => false,
        );
        expect(isOffensive(name), name).toBe(false);
        seen++;
      }
    }
    expect(seen).toBe(48 * 48);
    // With numbers too (every two-word name taken).
    let state = 1;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    for (let i = 0; i < 1000; i++) {
      const name = randomName(random, (n) => !/\d$/.test(n));
      expect(isOffensive(name), name).toBe(false);
    }
  });
});
