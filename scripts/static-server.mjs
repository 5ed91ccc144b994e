// A minimal static file server for the built site, on 127.0.0.1. `./scripts/serve.sh` serves the
// site with it, and the end-to-end tests load the site through the same code. It records every
// request so tests can assert that checking a file sends nothing anywhere.
//
// Run directly: node scripts/static-server.mjs DIR [PORT]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Sends a body: at once, or (throttled) after `latencyMs` and at `bytesPerSecond`. */
async function send(res, status, headers, body, throttle) {
  if (!throttle) {
    res.writeHead(status, headers);
    res.end(body);
    return;
  }
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  await wait(throttle.latencyMs);
  res.writeHead(status, headers);
  const chunk = Math.max(1024, Math.floor(throttle.bytesPerSecond / 20));
  for (let at = 0; at < body.length; at += chunk) {
    res.write(body.subarray(at, at + chunk));
    await wait((1000 * Math.min(chunk, body.length - at)) / throttle.bytesPerSecond);
  }
  res.end();
}

/**
 * Serves `root`. `options.throttle` ({ latencyMs, bytesPerSecond }) slows every response, as a
 * slow connection would (the benchmark's "slow broadband": it applies to the workers' requests
 * too, which the browser's own throttling misses). Each request is recorded with the bytes sent.
 */
export async function serve(root, port = 0, options = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const record = { method: req.method, url: req.url, status: 0, bytes: 0 };
    requests.push(record);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      // A validator, as every real host sends: the browser keeps the file in its HTTP cache.
      const modified = (await stat(file)).mtime.toUTCString();
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // A request to revalidate the browser's copy is answered "not modified", with no body, as
      // real hosts answer it (a worker importing a script the page is still fetching asks so).
      if (req.headers['if-modified-since'] === modified) {
        record.status = 304;
        await send(res, 304, { 'last-modified': modified, vary: 'Accept-Encoding' }, Buffer.alloc(0), options.throttle);
        return;
      }
      record.status = 200;
      // Precompressed copies written by the build, as a real static host serves them.
      const accepted = String(req.headers['accept-encoding'] ?? '');
      for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!accepted.includes(encoding)) continue;
        try {
          const body = await readFile(file + suffix);
          record.bytes = body.length;
          await send(res, 200, { 'content-type': type, 'content-encoding': encoding, vary: 'Accept-Encoding', 'last-modified': modified }, body, options.throttle);
          return;
        } catch {
          // No precompressed copy of this file: serve it as it is.
        }
      }
      const body = await readFile(file);
      record.bytes = body.length;
      await send(res, 200, { 'content-type': type, vary: 'Accept-Encoding', 'last-modified': modified }, body, options.throttle);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${address.port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  serve(dir, Number(port))
    .then(({ url }) => console.log(`Serving ${dir} at ${url} (Ctrl+C to stop)`))
    .catch((error) => {
      console.error(`Could not serve on port ${port}: ${error.message}. Set PORT to use another.`);
      process.exit(1);
    });
}
