// bcf-check's JavaScript API, for a guidance page on the same site as the checker:
//
//   import { check } from './api.js';
//   const report = await check(bytes, 'plan.xlsx');  // bytes: ArrayBuffer or Uint8Array
//   const other = await check(bytes, 'plan.xlsx', { profile: definitionJson });
//
// `timeLimitMs` (optional, 60,000 by default): a file not checked within it is stopped, and the
// promise rejects with the reason; the next check starts afresh.
// `profile` (optional) is a template definition (docs/profiles.md), as JSON text or an object:
// plans are then also checked against it. A definition that cannot be used rejects with its
// problems (`error.problems`).
//
//   import { deriveDefinition } from './api.js';
//   const made = await deriveDefinition(blankTemplateBytes, 'template.xlsx');
//   // made: { json, id, title, complete, lines }; when `complete`, use it as it is:
//   const report = await check(bytes, 'plan.xlsx', { profile: made.json });
//
// `deriveDefinition` makes a template definition from a blank template (as `bcf-check profile
// derive` does): `json` is the definition, `lines` say in words what was found and not found, and
// `complete` is false when it needs editing first (what was not found keeps the base round's
// position). A file that cannot be read rejects with the reason.
//
// `report` is the report contract of the CLI's JSON output: { file, profile, hwb, status, counts,
// findings: [{ rule, severity, sheet, cell, message, hint }] }. The workbook is read and checked
// by the checker's WebAssembly module in a Web Worker on this computer; nothing is uploaded.
// Workers must come from the page's own origin, so copy the built site onto your guidance site.

// The checking worker runs the page's own module, which it fetches itself when its first message
// carries no compiled module (www/checking-worker.js).
const workerUrl = new URL('./checking-worker.js', import.meta.url);
// The full checking worker, which also loads template definitions and reads .xlsb, .xls and .ods (a
// larger download): started in place of the other once a check needs it.
const fullWorkerUrl = new URL('./bcf-check-full-worker_loader.js', import.meta.url);
let worker = null;
let full = false;
// The first worker's answer to a file it leaves to the full one.
const ELSEWHERE = Symbol('elsewhere');
let ready = null;
const waiting = [];

function start(startFull) {
  full = startFull;
  if (startFull) {
    worker = new Worker(fullWorkerUrl);
  } else {
    worker = new Worker(workerUrl, { type: 'module' });
    worker.postMessage({ module: null });
  }
  ready = new Promise((resolve) => {
    worker.onmessage = (event) => {
      if (event.data === 'ready') {
        resolve();
        worker.onmessage = answer;
      }
    };
  });
  worker.onerror = (event) => {
    event.preventDefault();
    // A worker that failed cannot be trusted again; the next check starts a new one.
    worker.terminate();
    worker = null;
    const pending = waiting.shift();
    if (pending) pending.reject(new Error('The checker stopped while reading this file. The file could not be checked.'));
  };
}

function answer(event) {
  // Answers carry the id of the request they are for: requests are handled one at a time, in order.
  let reply;
  try {
    reply = JSON.parse(event.data);
  } catch (error) {
    const pending = waiting.shift();
    if (pending) pending.reject(error);
    return;
  }
  const at = waiting.findIndex((w) => w.id === reply.id);
  if (at < 0) return;
  const [pending] = waiting.splice(at, 1);
  if (reply.elsewhere) {
    pending.resolve(ELSEWHERE);
  } else if (reply.checked) {
    pending.resolve(reply.checked.report);
  } else if (reply.loaded) {
    pending.resolve(reply.loaded);
  } else if ('derived' in reply) {
    if (reply.derived) pending.resolve(reply.derived);
    else pending.reject(new Error(`No definition was made. ${reply.refused || ''}`));
  } else {
    const error = new Error(`This template definition cannot be used: ${(reply.problems || []).join('; ')}`);
    error.problems = reply.problems || [];
    pending.reject(error);
  }
}

let nextId = 1;

function request(message, transfer = []) {
  const id = nextId++;
  let entry;
  const answered = new Promise((resolve, reject) => {
    entry = { id, resolve, reject };
  });
  entry.answered = answered;
  waiting.push(entry);
  worker.postMessage({ id, ...message }, transfer);
  return answered;
}

/** From now on, the full build: it replaces the other once that one's checks are done. */
async function useFull() {
  if (worker && !full) {
    await Promise.allSettled(waiting.map((w) => w.answered));
    if (worker && !full) {
      worker.terminate();
      worker = null;
    }
  }
  full = true;
}

// A file not answered within this time stops its worker (nothing else stops a loop in it); the
// next check starts a new one. `options.timeLimitMs` sets another.
const TIME_LIMIT_MS = 60_000;

function withinTimeLimit(answered, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      if (worker) worker.terminate();
      worker = null;
      waiting.length = 0;
      const seconds = ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} millisecond${ms === 1 ? '' : 's'}`;
      reject(new Error(`The file could not be checked: checking it took longer than ${seconds}, so it was stopped.`));
    }, ms);
  });
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}

/** Checks one workbook. Resolves to its report; files are checked one at a time, in order. */
export async function check(bytes, name = 'workbook.xlsx', options = {}) {
  if (options.profile) await useFull();
  for (;;) {
    if (!worker) start(full);
    await ready;
    if (options.profile) {
      const text = typeof options.profile === 'string' ? options.profile : JSON.stringify(options.profile);
      await request({ profile: text });
    }
    const buffer = bytes instanceof ArrayBuffer ? bytes.slice(0) : new Uint8Array(bytes).slice().buffer;
    const report = await withinTimeLimit(request({ name, bytes: buffer }, [buffer]), options.timeLimitMs ?? TIME_LIMIT_MS);
    if (report !== ELSEWHERE) return report;
    // An .xlsb, .xls or .ods file: the full build reads it (and never answers so).
    if (full) throw new Error('The checker could not read this kind of file.');
    await useFull();
  }
}

/** Makes a template definition from a blank template. Resolves to { json, id, title, complete, lines }. */
export async function deriveDefinition(bytes, name = 'template.xlsx') {
  await useFull();
  if (!worker) start(full);
  await ready;
  const buffer = bytes instanceof ArrayBuffer ? bytes.slice(0) : new Uint8Array(bytes).slice().buffer;
  return request({ name, derive: buffer }, [buffer]);
}
