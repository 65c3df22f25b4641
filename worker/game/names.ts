/**
 * Names in a game: what the game accepts beyond the name's own shape (which the `PlayerName` schema checks at the
 * door: well-formed, 1–24 characters, something visible, no control characters or separators), in one place:
 *
 * - the nickname filter: offensive names are refused (`obscenity`'s English word list with its leetspeak and
 *   look-alike transformers), unless the host turned the filter off for the game (`nameFilter: false`);
 * - uniqueness: two names are the same name when they look the same (`nameKey`: Unicode's confusables skeleton
 *   from UTS #39, via `unhomoglyph`, after compatibility normalization and ignoring case, invisible characters and
 *   repeated spaces), so "Ada", "ADA", Cyrillic "Аda" and full-width "Ａｄａ" are one name; used wherever names are
 *   compared (joining, rebuilding after a restart, a kick freeing the name);
 * - friendly random names ("Brave Otter") for players who join without one, never a refused one.
 */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import unhomoglyph from "unhomoglyph";

/** The word list and its transformers, built once per isolate (under a millisecond). */
const offensive = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** Characters that draw nothing (zero-width, fillers, direction marks, …): names are compared without them. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** UTS #39's skeleton: decompose, map each character to its prototype, decompose again. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

/**
 * The key two names share when they look alike, as UTS #39 compares case-insensitively: compatibility-normalized
 * (full-width, ligatures) and case-folded first, without invisible characters or repeated spaces, then reduced to the
 * confusables skeleton (lower-cased once more: a few prototypes are capitals, "0" → "O").
 */
export function nameKey(name: string): string {
  const plain = name.normalize("NFKC").toLowerCase().replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
  return skeleton(plain).toLowerCase();
}

/** Numbers standing alone ("Table 455", "bot 3-455"): the leetspeak reading would see words in them ("455"). */
const LONE_NUMBER = /(?<![\p{L}\p{N}])\p{N}+(?![\p{L}\p{N}])/gu;

/**
 * Whether the nickname filter refuses `name`, also spelled with look-alike letters or leetspeak inside a word
 * ("sh1t"); numbers that stand alone are not read as letters.
 */
export function isOffensive(name: string): boolean {
  const words = name.replace(LONE_NUMBER, " ");
  if (offensive.hasMatch(words)) return true;
  // The look-alike spelling, when it differs from the name itself (most names are plain ASCII: one match is enough).
  const key = nameKey(words);
  return key !== words.toLowerCase().trim() && offensive.hasMatch(key);
}

/** The refusal of an offensive name; it does not repeat the name, which may be shown to others (a projector). */
export const NAME_NOT_ALLOWED = {
  code: "name_not_allowed",
  message: "That name is not allowed in this game. Please choose another one.",
} as const;

/** Friendly two-word names for players who join without one ("Brave Otter"). */

const ADJECTIVES = [
  "Brave",
  "Calm",
  "Clever",
  "Cosmic",
  "Curious",
  "Daring",
  "Eager",
  "Fancy",
  "Fearless",
  "Gentle",
  "Glowing",
  "Golden",
  "Happy",
  "Jolly",
  "Keen",
  "Lively",
  "Lucky",
  "Mellow",
  "Mighty",
  "Nimble",
  "Plucky",
  "Polite",
  "Quick",
  "Quiet",
  "Radiant",
  "Rapid",
  "Sunny",
  "Swift",
  "Witty",
  "Zesty",
  "Bold",
  "Bright",
  "Chirpy",
  "Cheery",
  "Dapper",
  "Fuzzy",
  "Grand",
  "Humble",
  "Mystic",
  "Noble",
  "Peppy",
  "Snappy",
  "Sparkly",
  "Stellar",
  "Breezy",
  "Cozy",
  "Dandy",
  "Epic",
] as const;

const ANIMALS = [
  "Otter",
  "Panda",
  "Falcon",
  "Koala",
  "Lynx",
  "Badger",
  "Beaver",
  "Bison",
  "Cheetah",
  "Dolphin",
  "Eagle",
  "Ferret",
  "Fox",
  "Gecko",
  "Heron",
  "Ibis",
  "Jaguar",
  "Kiwi",
  "Lemur",
  "Marmot",
  "Narwhal",
  "Ocelot",
  "Owl",
  "Penguin",
  "Puffin",
  "Quokka",
  "Raccoon",
  "Salmon",
  "Tapir",
  "Toucan",
  "Walrus",
  "Wombat",
  "Yak",
  "Zebra",
  "Alpaca",
  "Capybara",
  "Hedgehog",
  "Meerkat",
  "Moose",
  "Octopus",
  "Pelican",
  "Seal",
  "Sloth",
  "Squid",
  "Tiger",
  "Turtle",
  "Whale",
  "Wolf",
] as const;

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

/**
 * A random name not yet taken (`isTaken` compares keys) and never one the nickname filter refuses. After a few
 * collisions it adds a number, so it always terminates even in a game of 10,000 players.
 */
export function randomName(random: () => number, isTaken: (name: string) => boolean): string {
  const fine = (name: string) => !isTaken(name) && !isOffensive(name);
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`;
    if (fine(name)) return name;
  }
  for (;;) {
    const name = `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)} ${Math.floor(random() * 1000)}`;
    if (fine(name)) return name;
  }
}
