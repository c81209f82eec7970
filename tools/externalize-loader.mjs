// Trunk post_build hook: moves the inline start-up script Trunk writes into index.html into a
// file of its own (start-<hash>.js), so the page runs under a Content-Security-Policy without
// 'unsafe-inline' (see README, "Content-Security-Policy"). Runs on Trunk's staging folder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('externalize-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalize-loader: no inline module script in index.html; did Trunk change its output?');
  process.exit(1);
}
const code = match[1].trim() + '\n';
const digest = createHash('sha384').update(code).digest();
const name = `start-${digest.toString('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, name), code);
const tag = `<script type="module" src="./${name}" integrity="sha384-${digest.toString('base64')}"></script>`;
writeFileSync(indexPath, html.replace(inline, tag));
