// Builds the wall-screen page into dist/apps/<app>/screen of both apps that serve it (coc-gateway and
// the one-process coc-embedded): one script, one stylesheet and the fonts, all local (a commune
// network may have no internet). Run after `nest build`, which empties dist/apps/<app>.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const out = join(root, 'dist', 'apps', 'coc-gateway', 'screen');
mkdirSync(out, { recursive: true });

const sources = ['src/main.ts', 'src/screen.css', 'index.html'].map((f) => readFileSync(join(here, f)));
const buildId = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 12);

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['chrome100'],
  outfile: join(out, 'screen.js'),
  tsconfig: join(here, 'tsconfig.json'),
  loader: { '.woff2': 'file', '.woff': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  define: { SCREEN_BUILD: JSON.stringify(buildId) },
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'icon.svg'), join(out, 'icon.svg'));
writeFileSync(join(out, 'build.json'), JSON.stringify({ build: buildId }));
const copy = join(root, 'dist', 'apps', 'coc-embedded', 'screen');
cpSync(out, copy, { recursive: true });
console.log(`[screen] built ${buildId} into ${out} and ${copy}`);
