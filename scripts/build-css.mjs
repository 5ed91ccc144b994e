// Compiles GOV.UK Frontend's Sass (www/govuk.scss: only the components the page uses) into
// target/css/govuk.css, which index.html links. Run by Trunk before every build (Trunk.toml).
import { compile } from 'sass';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = compile(join(root, 'www', 'govuk.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  // Deprecation notices about GOV.UK Frontend's own Sass are its maintainers' to act on.
  quietDeps: true,
});
// The footer's Crown copyright crest is for GOV.UK's own services: its rules (the only ones that
// load an image) are left out. Nothing else may refer to a file: the Content-Security-Policy would
// refuse it, and the site ships none of GOV.UK's assets.
const css = compiled.css.replace(/\.govuk-footer__copyright-logo[^{}]*\{[^{}]*\}/g, '');
if (/url\(/.test(css)) throw new Error('build-css: the compiled CSS refers to a file (url(...))');
mkdirSync(join(root, 'target', 'css'), { recursive: true });
writeFileSync(join(root, 'target', 'css', 'govuk.css'), css);
console.log(`build-css: GOV.UK Frontend ${process.env.npm_package_version ?? ''}compiled, ${(css.length / 1024).toFixed(1)} KB`);
