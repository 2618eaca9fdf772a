// vk-io's end of the latency comparison: polls the emulator with vk-io's own PollingTransport and stamps
// every "lat N" message in its handler with the wall clock (µs). Prints "ready" once polling has started,
// then, when stdin closes, one line per message: "N UNIX_MICROS".
// Usage (run by `VkLongPoll.Benchmarks --latency`): node latency-vk-io.mjs API_URL CA_PEM_PATH TOKEN
import fs from 'node:fs';
import https from 'node:https';
import { VK } from 'vk-io';

const [apiUrl, caPath, token] = process.argv.slice(2);
if (!token) {
  console.error('usage: node latency-vk-io.mjs API_URL CA_PEM_PATH TOKEN');
  process.exit(2);
}

const agent = new https.Agent({ ca: fs.readFileSync(caPath), keepAlive: true });
const vk = new VK({ token, apiBaseUrl: apiUrl, agent, apiLimit: 3 });
const received = [];
vk.updates.on('message_new', (context) => {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000);
  const text = context.text ?? '';
  if (text.startsWith('lat ')) {
    received.push(`${text.slice(4)} ${micros}`);
  }
});

await vk.updates.startPolling();
console.log('ready');
process.stdin.resume();
process.stdin.on('end', async () => {
  await vk.updates.stop();
  process.stdout.write(received.map((line) => `${line}\n`).join(''));
  process.exit(0);
});
