/** What the bench says on the terminal while it runs: notes on stderr, and a progress bar per phase on a TTY. */
import cliProgress from "cli-progress";

export class Terminal {
  private readonly quiet: boolean;
  private readonly showBar: boolean;
  private readonly bar = new cliProgress.SingleBar(
    {
      format: "{phase} |{bar}| {value}/{total} {detail}",
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );

  constructor(quiet: boolean) {
    this.quiet = quiet;
    this.showBar = !quiet && process.stderr.isTTY === true;
  }

  /** Lines said while a bar is drawn, written when it ends (a line in between would tear the bar). */
  private held: string[] | null = null;

  /** A line on stderr, unless --quiet. */
  readonly say = (line: string): void => {
    if (this.quiet) return;
    if (this.held) this.held.push(line);
    else process.stderr.write(`${line}\n`);
  };

  /** A phase begins: its bar on a terminal, else `line`. */
  begin(phase: string, total: number, line: string): void {
    if (this.showBar) {
      this.bar.start(total, 0, { phase, detail: "" });
      this.held = [];
    } else this.say(line);
  }

  update(value: number, detail: string): void {
    if (this.showBar) this.bar.update(value, { detail });
  }

  end(): void {
    if (this.showBar) this.bar.stop();
    const held = this.held ?? [];
    this.held = null;
    for (const line of held) this.say(line);
  }
}
