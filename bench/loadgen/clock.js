// One clock for every process of a run: CLOCK_MONOTONIC (process.hrtime), in milliseconds with
// sub-µs decimals. It is the same clock in every process on the machine, so a time written by a
// sender in one worker and read by a receiver in another gives a true latency.
export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}
