import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Progress on stderr, so stdout stays for results: a bar with time remaining on a terminal,
 * a plain `progress N/M` line every few seconds otherwise (logs, CI), nothing with --quiet.
 */
export function createProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} replications | {percentage}% | {eta_formatted} left`, stream, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let last = 0;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        } else if (total !== last) {
          // A total that is itself an estimate (the planner's) may change as the work proceeds.
          bar.setTotal(total);
        }
        last = total;
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  const start = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 2000) return;
      last = now;
      const elapsed = (now - start) / 1000;
      const left = done > 0 ? (elapsed * (total - done)) / done : NaN;
      stream.write(`progress ${done}/${total} replications (${Math.round((100 * done) / total)}%)${done < total && Number.isFinite(left) ? `, about ${left.toFixed(0)} s left` : ''}\n`);
    },
    stop() {},
  };
}
