// Which of the built site's files a visit fetches only when asked for: shared by the service
// worker's lists (finish-site.mjs), the size printout (size.mjs) and the benchmark (bench.mjs).
// The marked copy's worker, the worker that loads template definitions, the blank templates, the
// embedding example and the JavaScript API (for other pages), and index.html (the same page as
// "./").
export const fetchedOnDemand = (path) =>
  /^(bcf-check-marker|bcf-check-full-worker|templates\/|embed-example\.|api\.js$|index\.html$)/.test(path);

/** The site's code: its WebAssembly and JavaScript. */
export const isCode = (path) => /\.(wasm|js)$/.test(path);
