// Trunk post-build hook (see Trunk.toml): finishes the built site in Trunk's staging folder.
// 0. The workers' loaders started the current way (no deprecation warning); the name of the page's
//    module (with Trunk's hash) filled in where the checking worker and index.html's first script
//    load it, and the page started with the module that script already fetched and compiled.
// 1. A Content-Security-Policy that allows nothing from any other origin. Trunk's inline loader
//    script is allowed by its hash, so no 'unsafe-inline' is needed.
// 0b. wasm-bindgen's glue for each module minified (terser): generated code nobody reads, 1.6 KB
//    of the page's first download as it comes.
// 3. Precompressed copies (.br and .gz) of every text and wasm file, for a static host to serve
//    to browsers that accept them (as scripts/static-server.mjs does); never in the offline list.
// 2. The service worker, with the list of files to keep offline and a cache name derived from
//    their contents: any change to the rules (compiled into the wasm) changes it.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { minify } from 'terser';
import { brotli, fetchedOnDemand } from './site-files.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('finish-site: no staging folder (TRUNK_STAGING_DIR)');

// 0. The worker's loader shim, as Trunk writes it, starts wasm-bindgen's glue the old way (a bare
//    URL), which logs a deprecation warning in every worker: pass the object it asks for instead.
for (const name of ['bcf-check-full-worker', 'bcf-check-marker']) {
  const loaderPath = join(dir, `${name}_loader.js`);
  const loader = readFileSync(loaderPath, 'utf8');
  writeFileSync(loaderPath, loader.replace(/wasm_bindgen\(("[^"]+")\)/, 'wasm_bindgen({ module_or_path: $1 })'));
}

const app = readdirSync(dir).map((name) => /^(bcf-check-app-[0-9a-f]+)\.js$/.exec(name)).find(Boolean)?.[1];
if (!app) throw new Error('finish-site: the page module (bcf-check-app-<hash>.js) is missing');
// The page's glue is an ES module; the workers' is a classic script whose one global,
// `wasm_bindgen`, their loaders call, so its top level is left as it is.
for (const [glue, module] of [[`${app}.js`, true], ['bcf-check-full-worker.js', false], ['bcf-check-marker.js', false]]) {
  const path = join(dir, glue);
  const { code } = await minify(readFileSync(path, 'utf8'), { module, compress: true, mangle: true });
  if (!code) throw new Error(`finish-site: ${glue} could not be minified`);
  writeFileSync(path, code);
}
const workerPath = join(dir, 'checking-worker.js');
writeFileSync(workerPath, readFileSync(workerPath, 'utf8').replaceAll('__APP__', app));

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8').replaceAll('__APP__', app);
// Trunk's start of the page fetches the module again; it takes the one compiled for the worker
// (a Promise of the module, or of the response if that failed), so the wasm is fetched once.
const start = `init({ module_or_path: './${app}_bg.wasm' })`;
if (!html.includes(start)) throw new Error(`finish-site: Trunk's start of the page changed (no ${start})`);
html = html.replace(start, `init({ module_or_path: Promise.resolve(window.bcfCheckModule).then((module) => module || fetch('./${app}_bg.wasm')) })`);
// Trunk also preloads the module; that script has already asked for it, and a second request
// for a file still arriving is not always served from the first.
const preload = `<link rel="preload" href="./${app}_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">`;
if (!html.includes(preload)) throw new Error(`finish-site: Trunk's preload of the module changed (no ${preload})`);
html = html.replace(preload, '');
const hashes = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].trim() !== '')
  .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(indexPath, html);

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const offline = files(dir)
  .map((path) => relative(dir, path).split(sep).join('/'))
  .filter((path) => path !== 'sw.js' && !path.startsWith('.') && !/\.(br|gz)$/.test(path))
  .sort();
const version = createHash('sha256');
for (const path of offline) version.update(path).update(readFileSync(join(dir, path)));
const cache = `bcf-check-${version.digest('hex').slice(0, 16)}`;
// The service worker stores, on a first visit, only what the page itself loads (so a first visit
// downloads nothing twice and nothing it does not need). The rest (scripts/site-files.mjs) is
// stored when first fetched.
const worker = readFileSync(new URL('../www/sw.template.js', import.meta.url), 'utf8')
  .replace('__CACHE__', cache)
  .replace('__FILES__', JSON.stringify(['./', ...offline.filter((f) => !fetchedOnDemand(f)).map((f) => `./${f}`)], null, 2))
  .replace('__ON_DEMAND__', JSON.stringify(offline.filter(fetchedOnDemand).map((f) => `./${f}`), null, 2));
writeFileSync(join(dir, 'sw.js'), worker);
let compressed = 0;
for (const path of [...offline, 'sw.js']) {
  if (!/\.(html|js|css|wasm|json|svg|webmanifest)$/.test(path)) continue;
  const bytes = readFileSync(join(dir, path));
  writeFileSync(join(dir, `${path}.br`), brotli(bytes));
  writeFileSync(join(dir, `${path}.gz`), gzipSync(bytes, { level: 9 }));
  compressed += 1;
}
console.log(`finish-site: CSP with ${hashes.length} script hash(es); service worker cache ${cache} with ${offline.length} files; ${compressed} files precompressed`);
