// The checking worker as index.html's first script starts it. The page fetches and compiles the
// worker's WebAssembly itself and posts the compiled module as the first message (or `null` if
// it could not, say because a host serves .wasm with the wrong type), so the worker does not wait
// for two more requests in turn. wasm-bindgen's glue then starts the Rust side
// (src/app/worker.rs), which takes over the message handler and says when it is ready.
importScripts('./bcf-check-worker.js');
self.onmessage = (event) => {
  self.onmessage = null;
  const module = event.data && event.data.module;
  wasm_bindgen({ module_or_path: module instanceof WebAssembly.Module ? module : './bcf-check-worker_bg.wasm' });
};
