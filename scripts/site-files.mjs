import { brotliCompressSync, constants } from 'node:zlib';

// Which of the built site's files a visit fetches only when asked for, and how the site is
// compressed: shared by the service worker's lists (finish-site.mjs), the size printout (size.mjs)
// and the benchmark (bench.mjs).
// The marked copy's worker, the worker that loads template definitions, the blank templates, the
// embedding example and the JavaScript API (for other pages), and index.html (the same page as
// "./").
export const fetchedOnDemand = (path) =>
  /^(bcf-check-marker|bcf-check-full-worker|templates\/|embed-example\.|api\.js$|index\.html$)/.test(path);

/** The site's code: its WebAssembly and JavaScript. */
export const isCode = (path) => /\.(wasm|js)$/.test(path);

/**
 * A file as the site serves it brotli-compressed (the build writes these copies; the size
 * printout and the benchmark count them): the best quality, and the largest input blocks, which
 * made the module 1.3 KB smaller than the default blocks. Any brotli decoder reads it.
 */
export const brotli = (bytes) => brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGBLOCK]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
});
