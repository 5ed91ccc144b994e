// The checking worker (a module worker), as index.html's first script, the page or api.js start
// it. It runs the page's own WebAssembly module: wasm-bindgen's glue, then the function the module
// exports for the worker (src/bin/bcf-check-app.rs), which takes over the message handler and
// says when it is ready. The first message is the compiled module (from the page, so the code is
// fetched and compiled once) or `null`, and then the worker fetches it itself. `__APP__` is the
// module's name with Trunk's hash, filled in as the site is built (scripts/finish-site.mjs).
import init, { start_checking_worker } from './__APP__.js';

self.onmessage = (event) => {
  self.onmessage = null;
  const module = event.data && event.data.module;
  init({ module_or_path: module instanceof WebAssembly.Module ? module : new URL('./__APP___bg.wasm', import.meta.url) })
    .then(() => start_checking_worker())
    // Thrown outside the promise, so the page hears of it as the worker's error event.
    .catch((error) => setTimeout(() => { throw error; }));
};
