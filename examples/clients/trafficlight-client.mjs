#!/usr/bin/env node
// An example Trafficlight adapter loop: Node 18+, built-in fetch, no packages.
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
// element-web; network-proxy plays a network proxy), TRAFFICLIGHT_VERSION (optional),
// TRAFFICLIGHT_LOG_DIR (default: the temp folder), TRAFFICLIGHT_CASES (how many cases to play,
// default 1; 0 plays until the coordinator goes away), TRAFFICLIGHT_PROXY_ENDPOINT (the address a
// network-proxy registers, default http://127.0.0.1:4040/).
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
const CASES = Number(env.TRAFFICLIGHT_CASES ?? '1');
const ENDPOINT = env.TRAFFICLIGHT_PROXY_ENDPOINT ?? 'http://127.0.0.1:4040/';
let UUID, CLIENT, LOG_FILE, TOKEN; // set anew for each case by newIdentity()
const POLL_MS = 20000; // the coordinator holds each poll open this long when it has nothing to say

/** The client under test did not do what the action asked: the case fails. */
class ActionFailed extends Error {}

/** The coordinator cannot be reached while this client is in no case. */
class CoordinatorGone extends Error {}

/** Each case is played under a fresh UUID, with a log of its own. */
function newIdentity() {
  UUID = randomUUID();
  CLIENT = `${URL}/client/${UUID}`;
  TOKEN = undefined;
  LOG_FILE = join(env.TRAFFICLIGHT_LOG_DIR ?? tmpdir(), `trafficlight-client-${UUID}.log`);
}

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
  // A network proxy (TRAFFICLIGHT_TYPE=network-proxy) answers with trafficlight-proxy's words.
  proxyTo: proxyAnswer('proxyToSet'),
  disableEndpoint: proxyAnswer('endpointDisabled'),
  enableEndpoint: proxyAnswer('endpointEnabled'),
  waitUntilEndpointAccessed: proxyAnswer('endpointAccessed'),
};

function proxyAnswer(word) {
  return async (data) => {
    log(`would act as a network proxy with ${JSON.stringify(data)}`);
    return { response: word };
  };
}

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
  // the token registration returned proves on every later call that this client is itself
  if (TOKEN) headers = { ...headers, 'X-Trafficlight-Token': TOKEN };
  const reply = await fetch(`${CLIENT}/${path}`, { method, body, headers, signal: AbortSignal.timeout(timeoutMs) });
  const text = await reply.text();
  if (!reply.ok) {
    log(`${method} ${path} refused: ${reply.status} ${text}`);
    return null;
  }
  return JSON.parse(text);
}

const postJson = (path, value) => call('POST', path, JSON.stringify(value), { 'Content-Type': 'application/json' });

/** Registers (true) or is refused (false); retries while the coordinator is still starting. */
async function register(tries) {
  const registration = { type: TYPE, ...(VERSION ? { version: VERSION } : {}) };
  if (TYPE === 'network-proxy') registration.endpoint = ENDPOINT;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      const reply = await postJson('register', registration);
      if (reply === null) return false;
      TOKEN = reply.token;
      return true;
    } catch (e) {
      log(`coordinator not reachable (${e.cause?.code ?? e.message})`);
      if (tries > 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  throw new CoordinatorGone();
}

async function upload(path) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)], { type: 'text/plain' }), basename(path));
  await call('POST', 'upload', form, {}, 60000);
}

/** Plays one case, until told to exit; true when it ended so, false when refused. */
async function play() {
  let inCase = false;
  for (;;) {
    let reply;
    try {
      reply = await call('GET', `poll?timeout=${POLL_MS}`, undefined, {}, POLL_MS + 10000);
    } catch (lost) {
      throw inCase ? lost : new CoordinatorGone();
    }
    if (reply === null) return false;
    const { action, data = {}, id } = reply;
    if (action === 'idle') continue;
    if (action === 'exit') {
      log(`exit: ${data.reason}`);
      await upload(LOG_FILE);
      return true;
    }
    inCase = true;
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

async function main() {
  for (let played = 0; CASES === 0 || played < CASES; played++) {
    newIdentity();
    log(`client ${UUID} (${TYPE}) registering at ${URL}`);
    try {
      if (!(await register(played ? 1 : 30))) {
        log('registration refused; giving up');
        return 1;
      }
      if (!(await play())) return 1;
    } catch (e) {
      if (!(e instanceof CoordinatorGone)) throw e;
      if (played) {
        log(`the coordinator has gone; played ${played} cases`);
        return 0;
      }
      log('could not reach the coordinator; giving up');
      return 1;
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (lost) => {
    log(`lost the coordinator: ${lost.cause?.code ?? lost.message}`);
    process.exit(1);
  },
);
