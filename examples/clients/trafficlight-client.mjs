#!/usr/bin/env node
// An example Trafficlight adapter loop: Node 20+, built-in fetch, no packages.
//
// Run it beside a coordinator (`java -jar target/trafficlight.jar serve`):
//
//   TRAFFICLIGHT_URL=http://127.0.0.1:5000 TRAFFICLIGHT_TYPE=element-web node trafficlight-client.mjs
//
// It registers under a fresh UUID, long-polls for actions, performs each one through the
// HANDLERS table below and answers it, and on `exit` uploads its log and stops. To drive a real
// client, replace the handler functions: each gets the action's `data` and returns (or resolves
// to) the answer to send. Throw ActionFailed when the client under test misbehaves (the case
// fails); any other error means the adapter itself broke (the case ends in error).
//
// Environment: TRAFFICLIGHT_URL (default http://127.0.0.1:5000), TRAFFICLIGHT_TYPE (default
// element-web), TRAFFICLIGHT_VERSION (optional), TRAFFICLIGHT_LOG_DIR (default: the temp folder).
// For demonstrations and tests: TRAFFICLIGHT_FAIL_ACTION=<action> makes that action fail as the
// client's fault, TRAFFICLIGHT_CRASH_ACTION=<action> makes it fail as the adapter's.
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const env = process.env;
const URL = (env.TRAFFICLIGHT_URL ?? 'http://127.0.0.1:5000').replace(/\/$/, '');
const TYPE = env.TRAFFICLIGHT_TYPE ?? 'element-web';
const VERSION = env.TRAFFICLIGHT_VERSION;
const UUID = randomUUID();
const CLIENT = `${URL}/client/${UUID}`;
const LOG_FILE = join(env.TRAFFICLIGHT_LOG_DIR ?? tmpdir(), `trafficlight-client-${UUID}.log`);
const POLL_MS = 20000; // the coordinator holds each poll open this long when it has nothing to say

/** The client under test did not do what the action asked: the case fails. */
class ActionFailed extends Error {}

function log(message) {
  const line = `${new Date().toISOString().slice(11, 19)} ${message}`;
  console.log(line);
  appendFileSync(LOG_FILE, line + '\n');
}

// --- The handlers: where a real adapter drives its client. ----------------------------------

const HANDLERS = {
  register: async (data) => {
    log(`would register ${data.username} on ${data.homeserver_url?.local}`);
    return { response: 'registered' };
  },
  login: async (data) => {
    log(`would log in as ${data.username} on ${data.homeserver_url?.local}`);
    return { response: 'loggedin' };
  },
};

async function handleOther(action, data) {
  log(`would ${action} with ${JSON.stringify(data)}`);
  return { response: 'done' };
}

async function perform(action, data) {
  if (action === env.TRAFFICLIGHT_FAIL_ACTION) throw new ActionFailed(`${action} failed, as TRAFFICLIGHT_FAIL_ACTION asked`);
  if (action === env.TRAFFICLIGHT_CRASH_ACTION) throw new Error(`${action} crashed, as TRAFFICLIGHT_CRASH_ACTION asked`);
  const handler = HANDLERS[action];
  return handler ? handler(data) : handleOther(action, data);
}

// --- The wire. -------------------------------------------------------------------------------

/** The reply's JSON, or null when the coordinator refused (4xx); connection errors throw. */
async function call(method, path, body, headers = {}, timeoutMs = 10000) {
  const reply = await fetch(`${CLIENT}/${path}`, { method, body, headers, signal: AbortSignal.timeout(timeoutMs) });
  const text = await reply.text();
  if (!reply.ok) {
    log(`${method} ${path} refused: ${reply.status} ${text}`);
    return null;
  }
  return JSON.parse(text);
}

const postJson = (path, value) => call('POST', path, JSON.stringify(value), { 'Content-Type': 'application/json' });

/** Registers, retrying while the coordinator is still starting. */
async function register() {
  const registration = { type: TYPE, ...(VERSION ? { version: VERSION } : {}) };
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      return (await postJson('register', registration)) !== null;
    } catch (e) {
      log(`coordinator not reachable yet (${e.cause?.code ?? e.message}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return false;
}

async function upload(path) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)], { type: 'text/plain' }), basename(path));
  await call('POST', 'upload', form, {}, 60000);
}

async function main() {
  log(`client ${UUID} (${TYPE}) registering at ${URL}`);
  if (!(await register())) {
    log('could not register; giving up');
    return 1;
  }
  for (;;) {
    const reply = await call('GET', `poll?timeout=${POLL_MS}`, undefined, {}, POLL_MS + 10000);
    if (reply === null) return 1;
    const { action, data = {}, id } = reply;
    if (action === 'idle') continue;
    if (action === 'exit') {
      log(`exit: ${data.reason}`);
      await upload(LOG_FILE);
      return 0;
    }
    let answer;
    try {
      answer = await perform(action, data);
    } catch (e) {
      const type = e instanceof ActionFailed ? 'action' : 'adapter';
      log(`${action} failed (${type}): ${e.stack}`);
      await postJson('error', { error: { type, details: e instanceof ActionFailed ? e.message : e.stack, path: action } });
      continue;
    }
    log(`${action} -> ${JSON.stringify(answer)}`);
    await postJson('respond', { ...answer, id });
  }
}

main().then(
  (code) => process.exit(code),
  (lost) => {
    log(`lost the coordinator: ${lost.cause?.code ?? lost.message}`);
    process.exit(1);
  },
);
