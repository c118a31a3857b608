// Bundles the web app (src/app.js and the CSS it imports) into
// ../pb_public/assets/, which the Go binary embeds and serves at /assets/.
//   node build.mjs          one minified build
//   node build.mjs --watch  rebuild on every change (for development)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');

const options = {
  absWorkingDir: here,
  entryPoints: ['src/app.js'],
  entryNames: '[name]',
  outdir: '../pb_public/assets',
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: !watch,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
