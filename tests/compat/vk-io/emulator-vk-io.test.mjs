// vk-io (npm, pinned in package.json/package-lock.json) against `vklp emulate`, three ways, each of which must receive the
// messages sent through the control API: the User Long Poll (version 19, mode 202) with the account's token; the Bots Long
// Poll (groups.getLongPollServer, then the server it names) with the community's token; and its webhook, a Callback API
// server on loopback that the emulator confirms and then POSTs every event to.
// Usage: VKLP="dotnet path/to/vklp.dll" node emulator-vk-io.test.mjs   (run by .ci/run when node is present)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import readline from 'node:readline';
import { VK } from 'vk-io';

const [command, ...args] = (process.env.VKLP ?? 'vklp').split(' ');
const emulator = spawn(command, [...args, 'emulate', '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
const deadline = setTimeout(() => void finish('timed out after 100 s'), 100_000);
let passed = 0;
let failed = 0;
// What finish() must stop (vk-io's pollers, the webhook server), whichever way it is reached.
const cleanups = [];

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
  for (const cleanup of cleanups.splice(0).reverse()) {
    await Promise.race([Promise.resolve().then(cleanup).catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
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

/** Waits (at most `ms`) until `done()` holds; returns whether it did. */
async function waitFor(done, ms) {
  const started = Date.now();
  while (!done() && Date.now() - started < ms) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return done();
}

async function userLongPoll() {
  const state = await control('state');
  const friend = state.accounts[0].friends[0];
  const vk = new VK({ token: info.token, apiBaseUrl: info.api_url, agent, apiLimit: 3 });
  const received = [];
  vk.updates.on('message_new', (context) => { received.push({ text: context.text, peerId: context.peerId, isOutbox: context.isOutbox }); });
  await vk.updates.startPolling();
  cleanups.push(() => vk.updates.stop());

  const texts = ['Привет из эмулятора', 'Tom & "Jerry" <3', 'две\nстроки 🙂'];
  for (const text of texts) {
    await control('send', { peer_id: friend, text });
  }

  await waitFor(() => received.length >= texts.length, 30_000);
  check(received.length === texts.length, `received ${received.length} of ${texts.length} messages`);
  texts.forEach((text, i) => {
    check(received[i]?.text === text, `message ${i}: text ${JSON.stringify(received[i]?.text)} should be ${JSON.stringify(text)}`);
    check(received[i]?.peerId === friend, `message ${i}: peer ${received[i]?.peerId} should be ${friend}`);
    check(received[i]?.isOutbox === false, `message ${i}: should be incoming`);
  });
  await vk.updates.stop();
}

/** Sends `texts` as subscribers' messages to community 0 (the second one in its chat); returns the control API's answers. */
async function sendCommunityMessages(texts) {
  const sent = [];
  for (const [i, text] of texts.entries()) {
    sent.push(await control('community_message', { community: 0, text, in_chat: i === 1 }));
  }

  return sent;
}

/** What vk-io's message_new handler got, checked against what the control API said it sent. */
function checkCommunityMessages(how, texts, sent, received) {
  check(received.length === texts.length, `${how}: received ${received.length} of ${texts.length} community messages`);
  texts.forEach((text, i) => {
    const got = received.find((m) => m.text === text);
    check(got !== undefined, `${how}: message ${i} ${JSON.stringify(text)} not received (got ${JSON.stringify(received.map((m) => m.text))})`);
    check(got?.peerId === sent[i].peer_id, `${how}: message ${i}: peer ${got?.peerId} should be ${sent[i].peer_id}`);
    check(got?.isOutbox === false, `${how}: message ${i}: should be incoming`);
    check(got?.isChat === (i === 1), `${how}: message ${i}: isChat ${got?.isChat} should be ${i === 1}`);
  });
  check(received.every((m, i) => m.text === texts[i]), `${how}: order ${JSON.stringify(received.map((m) => m.text))}`);
  const chat = received.find((m) => m.text === texts[1]);
  check(chat?.peerId >= 2_000_000_000, `${how}: the chat message's peerId ${chat?.peerId} should be ≥ 2000000000`);
}

function messageOf(context) {
  return { text: context.text, peerId: context.peerId, isOutbox: context.isOutbox, isChat: context.isChat };
}

async function botsLongPoll(groupId, communityToken) {
  // pollingGroupId makes vk-io call groups.getLongPollServer and poll the `server` it answers as is (Bots Long Poll).
  const vk = new VK({ token: communityToken, pollingGroupId: groupId, apiBaseUrl: info.api_url, agent, apiLimit: 3 });
  const received = [];
  vk.updates.on('message_new', (context) => { received.push(messageOf(context)); });
  await vk.updates.startPolling();
  cleanups.push(() => vk.updates.stop());
  check(vk.updates.pollingTransport.url?.pathname === `/wh${groupId}`, `bots long poll: polls ${vk.updates.pollingTransport.url?.pathname}, not /wh${groupId}`);

  const texts = ['Сообществу: привет', 'в беседе: a & "b" <3', 'третье\nсообщение 🙂'];
  const sent = await sendCommunityMessages(texts);
  await waitFor(() => received.length >= texts.length, 30_000);
  checkCommunityMessages('bots long poll', texts, sent, received);
  await vk.updates.stop();
}

async function webhook(groupId, communityToken, confirmationCode) {
  const secret = 'vk-io-compat-secret';
  const path = '/vk/callback';
  const vk = new VK({ token: communityToken, apiBaseUrl: info.api_url, agent, apiLimit: 3, webhookConfirmation: confirmationCode, webhookSecret: secret });
  const received = [];
  vk.updates.on('message_new', (context) => { received.push(messageOf(context)); });

  // vk-io's own handler on a node http server of ours (127.0.0.1, a free port); we count what the emulator POSTs and
  // what vk-io answers, without reading the bodies (vk-io does).
  const callback = vk.updates.getWebhookCallback(path);
  const answers = [];
  const server = http.createServer((req, res) => {
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      answers.push({ status: res.statusCode, body: body === undefined ? '' : String(body) });
      return end(body, ...rest);
    };
    callback(req, res, () => { res.writeHead(404); res.end(); });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }));
  const url = `http://127.0.0.1:${server.address().port}${path}`;

  const configured = await control('community_callback', { community: 0, url, secret });
  check(configured.code === confirmationCode, `webhook: code ${configured.code} should be the first line's ${confirmationCode}`);
  // The confirmation comes first: vk-io answers it with the code, and the server turns "ok".
  const serverStatus = async () => {
    const { items } = await vk.api.groups.getCallbackServers({ group_id: groupId, server_ids: configured.server_id });
    return items.find((s) => s.id === configured.server_id)?.status;
  };
  let status;
  const started = Date.now();
  while ((status = await serverStatus()) !== 'ok' && Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  check(status === 'ok', `webhook: callback server status ${status} should be ok after the confirmation`);
  check(answers[0]?.body === confirmationCode, `webhook: vk-io answered the confirmation ${JSON.stringify(answers[0])}, not the code`);

  const texts = ['Колбэк: привет', 'колбэк в беседе: a & "b"', 'колбэк\nтретье 🙂'];
  const sent = await sendCommunityMessages(texts);
  await waitFor(() => received.length >= texts.length, 30_000);
  // Every event answered "ok" is delivered once: no retry may follow (the emulator retries after 1 s, doubling).
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  checkCommunityMessages('webhook', texts, sent, received);
  const events = answers.slice(1);
  check(events.length === texts.length, `webhook: ${events.length} event deliveries for ${texts.length} events (retries?)`);
  check(events.every((a) => a.status === 200 && a.body === 'ok'), `webhook: vk-io's answers ${JSON.stringify(events)} should all be 200 "ok"`);
  check(await serverStatus() === 'ok', 'webhook: callback server status stays ok');
  await vk.updates.stop();
  await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
}

try {
  check(Array.isArray(info.community_ids) && info.community_ids.length >= 1, `the first line lists communities: ${JSON.stringify(info.community_ids)}`);
  const [groupId] = info.community_ids;
  const [communityToken] = info.community_tokens;
  const [confirmationCode] = info.callback_confirmation_codes;
  await userLongPoll();
  await botsLongPoll(groupId, communityToken);
  await webhook(groupId, communityToken, confirmationCode);
  await finish();
} catch (error) {
  await finish(error.stack ?? String(error));
}
