// vk-io's own pipeline over a corpus of a_check bodies (NDJSON, one body per line):
// UTF-8 bytes → JSON.parse → updates.handlePollingUpdate for every update (its contexts, a no-op handler),
// which is what vk-io's PollingTransport does with each answer.
// Usage: node decode-vk-io.mjs CORPUS.ndjson [SECONDS]   → one JSON line: {"events_per_s", "mb_per_s", ...}
import fs from 'node:fs';
import { VK } from 'vk-io';

const [corpusPath, secondsText = '5'] = process.argv.slice(2);
if (!corpusPath) {
  console.error('usage: node decode-vk-io.mjs CORPUS.ndjson [SECONDS]');
  process.exit(2);
}

const bodies = fs.readFileSync(corpusPath, 'utf8').split('\n').filter((line) => line.length > 0).map((line) => Buffer.from(line, 'utf8'));
const bytes = bodies.reduce((sum, body) => sum + body.length, 0);
const vk = new VK({ token: 'not-used' });
let handled = 0;
// The no-op handler: every context reaches it (vk-io dispatches only the codes it has contexts for).
vk.updates.use((context, next) => { handled++; return undefined; });

async function pass() {
  let events = 0;
  for (const body of bodies) {
    const result = JSON.parse(body.toString('utf8'));
    const pending = [];
    for (const update of result.updates) {
      pending.push(vk.updates.handlePollingUpdate(update));
    }
    await Promise.all(pending);
    events += result.updates.length;
  }
  return events;
}

// Warm up (JIT), then run whole passes for the given time; report the best second-long window like BenchmarkDotNet's mean.
const deadline = performance.now() + Number(secondsText) * 1000;
await pass();
await pass();
let best = Infinity;
let eventsPerPass = 0;
const samples = [];
while (performance.now() < deadline || samples.length < 5) {
  const started = performance.now();
  eventsPerPass = await pass();
  const elapsed = performance.now() - started;
  samples.push(elapsed);
  best = Math.min(best, elapsed);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(JSON.stringify({
  decoder: `vk-io ${JSON.parse(fs.readFileSync(new URL('./node_modules/vk-io/package.json', import.meta.url), 'utf8')).version}`,
  runtime: `node ${process.version}`,
  events: eventsPerPass,
  bytes,
  passes: samples.length,
  median_ms: Number(median.toFixed(3)),
  events_per_s: Math.round(eventsPerPass / (median / 1000)),
  mb_per_s: Number((bytes / 1e6 / (median / 1000)).toFixed(1)),
  contexts_handled_per_pass: handled / (samples.length + 2),
}));
