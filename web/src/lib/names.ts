/** Friendly two-word names a player can take instead of typing one; re-rolled on demand. */
const ADJECTIVES = [
  "Brave",
  "Clever",
  "Swift",
  "Sunny",
  "Lucky",
  "Mighty",
  "Quiet",
  "Bold",
  "Jolly",
  "Witty",
  "Cosmic",
  "Golden",
  "Happy",
  "Nimble",
  "Plucky",
  "Zesty",
  "Gentle",
  "Daring",
  "Curious",
  "Fuzzy",
];
const ANIMALS = [
  "Otter",
  "Falcon",
  "Panda",
  "Tiger",
  "Koala",
  "Fox",
  "Heron",
  "Lynx",
  "Badger",
  "Dolphin",
  "Penguin",
  "Gecko",
  "Walrus",
  "Hedgehog",
  "Puffin",
  "Yak",
  "Moose",
  "Owl",
  "Squid",
  "Beaver",
];

export function suggestName(random: () => number = Math.random, avoid?: string): string {
  for (let i = 0; i < 5; i++) {
    const a = ADJECTIVES[Math.floor(random() * ADJECTIVES.length)] ?? "Brave";
    const b = ANIMALS[Math.floor(random() * ANIMALS.length)] ?? "Otter";
    const name = `${a} ${b}`;
    if (name !== avoid) return name;
  }
  return "Brave Otter";
}
