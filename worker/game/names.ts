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
 * A random name not yet taken (`isTaken` compares ignoring case). After a few collisions it adds a number, so it
 * always terminates even in a game of 10,000 players.
 */
export function randomName(random: () => number, isTaken: (name: string) => boolean): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)}`;
    if (!isTaken(name)) return name;
  }
  for (;;) {
    const name = `${pick(ADJECTIVES, random)} ${pick(ANIMALS, random)} ${Math.floor(random() * 1000)}`;
    if (!isTaken(name)) return name;
  }
}
