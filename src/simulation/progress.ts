/** Where progress goes: a TTY gets one redrawn line, anything else a line every 10%. */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * A progress bar for long runs. On a terminal it redraws one line in place; in logs (CI) it
 * prints a line at each 10% so the log stays short. `quiet` prints nothing.
 */
export function progressBar(stream: ProgressStream, opts: { quiet?: boolean; width?: number } = {}) {
  const width = opts.width ?? 30;
  let lastDecile = -1;
  return (done: number, total: number, label: string) => {
    if (opts.quiet || total <= 0) return;
    const fraction = Math.min(1, done / total);
    const filled = Math.round(fraction * width);
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}`;
    if (stream.isTTY) {
      stream.write(`\r${line}${done >= total ? "\n" : ""}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
    }
  };
}
