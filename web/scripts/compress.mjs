// Writes precompressed siblings (.gz and .br) next to every text asset in the build output,
// so the backend can serve them with Content-Encoding without compressing on each request.
// Usage: node scripts/compress.mjs [dist]
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const TEXT_TYPES = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

const root = process.argv[2] ?? 'dist';
if (!(await stat(root).catch(() => null))?.isDirectory()) {
  console.error(`compress: ${root} is not a directory (run vite build first)`);
  process.exit(1);
}

let count = 0;
let before = 0;
let afterBrotli = 0;
for await (const path of files(root)) {
  if (!TEXT_TYPES.has(extname(path))) continue;
  const body = await readFile(path);
  const gz = gzipSync(body, { level: 9 });
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  await writeFile(`${path}.gz`, gz);
  await writeFile(`${path}.br`, br);
  count += 1;
  before += body.length;
  afterBrotli += br.length;
}
console.log(`compress: ${count} files, ${(before / 1024).toFixed(1)} KiB -> ${(afterBrotli / 1024).toFixed(1)} KiB brotli`);
