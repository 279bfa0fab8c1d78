// A small log-bucket latency histogram in the spirit of HdrHistogram: values are recorded in
// whole microseconds; below 64 µs every value has its own bucket, above that each power of two
// is split into 32 linear sub-buckets, so a reported percentile is within ~3% of the true value.
// Exact count, sum, min and max are kept alongside. Histograms serialize to plain JSON (sparse
// bucket list) so that workers can ship them to the coordinator, which merges them.

const LINEAR = 64; // values 0..63 µs: exact buckets
const SUB_BITS = 5; // 32 sub-buckets per power of two
const SUB = 1 << SUB_BITS;
const MAX_EXP = 30; // 2^31 µs ≈ 36 min: anything above is clamped into the last bucket
const SIZE = LINEAR + (MAX_EXP - 6 + 1) * SUB;

function indexOf(us) {
  if (us < LINEAR) {
    return us < 0 ? 0 : us;
  }
  if (us >= 2 ** 31) {
    return SIZE - 1;
  }
  const exp = 31 - Math.clz32(us); // >= 6
  const sub = (us >>> (exp - SUB_BITS)) & (SUB - 1);
  return LINEAR + (exp - 6) * SUB + sub;
}

/** @returns {[number, number]} the lowest and highest µs value that land in bucket i */
function boundsOf(i) {
  if (i < LINEAR) {
    return [i, i];
  }
  const exp = 6 + Math.floor((i - LINEAR) / SUB);
  const sub = (i - LINEAR) % SUB;
  const shift = exp - SUB_BITS;
  const low = (SUB + sub) * 2 ** shift;
  return [low, low + 2 ** shift - 1];
}

export class Histogram {
  constructor() {
    this.counts = new Float64Array(SIZE);
    this.n = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Records one value given in milliseconds (fractions allowed). */
  recordMs(ms) {
    this.recordUs(Math.round(ms * 1000));
  }

  recordUs(us) {
    if (us < 0) {
      us = 0; // clock jitter between processes is sub-µs; never record negative latencies
    }
    this.counts[indexOf(us)]++;
    this.n++;
    this.sum += us;
    if (us < this.min) this.min = us;
    if (us > this.max) this.max = us;
  }

  /** @returns the value in ms at quantile q (0..1), the upper bound of its bucket capped by max */
  quantileMs(q) {
    if (this.n === 0) {
      return null;
    }
    const target = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i];
      if (seen >= target) {
        const [low, high] = boundsOf(i);
        const value = Math.min(Math.max(Math.round((low + high) / 2), this.min), this.max);
        return value / 1000;
      }
    }
    return this.max / 1000;
  }

  merge(other) {
    const o = other instanceof Histogram ? other : Histogram.fromJSON(other);
    for (let i = 0; i < SIZE; i++) {
      this.counts[i] += o.counts[i];
    }
    this.n += o.n;
    this.sum += o.sum;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    return this;
  }

  /** The numbers a report shows, in ms. */
  summary() {
    if (this.n === 0) {
      return { count: 0, mean: null, p50: null, p95: null, p99: null, p999: null, max: null, min: null };
    }
    return {
      count: this.n,
      min: this.min / 1000,
      mean: this.sum / this.n / 1000,
      p50: this.quantileMs(0.5),
      p95: this.quantileMs(0.95),
      p99: this.quantileMs(0.99),
      p999: this.quantileMs(0.999),
      max: this.max / 1000,
    };
  }

  toJSON() {
    const buckets = [];
    for (let i = 0; i < SIZE; i++) {
      if (this.counts[i] !== 0) {
        buckets.push([i, this.counts[i]]);
      }
    }
    return { n: this.n, sum: this.sum, min: this.n ? this.min : null, max: this.n ? this.max : null, buckets };
  }

  static fromJSON(json) {
    const h = new Histogram();
    if (!json) {
      return h;
    }
    for (const [i, c] of json.buckets) {
      h.counts[i] = c;
    }
    h.n = json.n;
    h.sum = json.sum;
    h.min = json.min ?? Infinity;
    h.max = json.max ?? -Infinity;
    return h;
  }
}
