// Renders JMH's JSON result (-rf json) as a markdown table: node report.mjs result.json
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const fmt = (v) => {
  const x = Number(v);
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3);
};
const lines = [
  '## JMH: the hot paths',
  '',
  `JMH ${results[0]?.jmhVersion ?? ''}, Java ${results[0]?.jdkVersion ?? ''} (${results[0]?.vmName ?? ''}); ` +
    `${results[0]?.forks ?? ''} fork, ${results[0]?.warmupIterations ?? ''} × ${results[0]?.warmupTime ?? ''} warm-up, ` +
    `${results[0]?.measurementIterations ?? ''} × ${results[0]?.measurementTime ?? ''} measured. ` +
    'Sources: `src/test/java/io/jakartio/jmh/`.',
  '',
  '| benchmark | parameters | score | ± (99.9%) | unit | per recipient |',
  '|---|---|---:|---:|---|---:|',
];
for (const r of results) {
  const name = r.benchmark.replace(/^io\.jakartio\.jmh\./, '');
  const params = r.params ? Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ') : '';
  const m = r.primaryMetric;
  const n = r.params?.sockets ? Number(r.params.sockets) : null;
  const nsPerOp = { 'ns/op': 1, 'us/op': 1e3, 'ms/op': 1e6 }[m.scoreUnit];
  const per = n && nsPerOp ? `${fmt((m.score * nsPerOp) / n)} ns` : '';
  lines.push(`| ${name} | ${params} | ${fmt(m.score)} | ${fmt(m.scoreError)} | ${m.scoreUnit} | ${per} |`);
}
console.log(lines.join('\n'));
