// vk-io (npm, pinned in package.json/package-lock.json) against `vklp emulate`:
// it long-polls with version 19, mode 202, and must receive the messages sent through the control API.
// Usage: VKLP="dotnet path/to/vklp.dll" node emulator-vk-io.test.mjs   (run by .ci/run when node is present)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import https from 'node:https';
import readline from 'node:readline';
import { VK } from 'vk-io';

const [command, ...args] = (process.env.VKLP ?? 'vklp').split(' ');
const emulator = spawn(command, [...args, 'emulate', '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
const deadline = setTimeout(() => void finish('timed out after 60 s'), 60_000);
let passed = 0;
let failed = 0;

function check(condition, what) {
  if (condition) {
    passed++;
  } else {
    failed++;
    console.error(`vk-io compat: FAILED: ${what}`);
  }
}

async function finish(error) {
  clearTimeout(deadline);
  if (error) {
    failed++;
    console.error(`vk-io compat: ${error}`);
  }
  // Ctrl+C must stop the emulator cleanly; a kill after 10 s counts as a failure.
  const exited = once(emulator, 'exit');
  emulator.kill('SIGINT');
  const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
  check(stopped, 'vklp emulate stops on SIGINT');
  if (!stopped) {
    emulator.kill('SIGKILL');
  }
  console.log(`vk-io compat: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const lines = readline.createInterface({ input: emulator.stdout });
const [firstLine] = await once(lines, 'line');
const info = JSON.parse(firstLine);
const agent = new https.Agent({ ca: fs.readFileSync(info.ca_cert_pem_path), keepAlive: true });

function control(action, body) {
  return new Promise((resolve, reject) => {
    const request = https.request(`${info.control_url}/${action}`, { method: body ? 'POST' : 'GET', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${action}: ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end(body ? JSON.stringify(body) : undefined);
  });
}

try {
  const state = await control('state');
  const friend = state.accounts[0].friends[0];
  const vk = new VK({ token: info.token, apiBaseUrl: info.api_url, agent, apiLimit: 3 });
  const received = [];
  vk.updates.on('message_new', (context) => { received.push({ text: context.text, peerId: context.peerId, isOutbox: context.isOutbox }); });
  await vk.updates.startPolling();

  const texts = ['Привет из эмулятора', 'Tom & "Jerry" <3', 'две\nстроки 🙂'];
  for (const text of texts) {
    await control('send', { peer_id: friend, text });
  }

  const started = Date.now();
  while (received.length < texts.length && Date.now() - started < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  check(received.length === texts.length, `received ${received.length} of ${texts.length} messages`);
  texts.forEach((text, i) => {
    check(received[i]?.text === text, `message ${i}: text ${JSON.stringify(received[i]?.text)} should be ${JSON.stringify(text)}`);
    check(received[i]?.peerId === friend, `message ${i}: peer ${received[i]?.peerId} should be ${friend}`);
    check(received[i]?.isOutbox === false, `message ${i}: should be incoming`);
  });
  await vk.updates.stop();
  await finish();
} catch (error) {
  await finish(error.stack ?? String(error));
}
