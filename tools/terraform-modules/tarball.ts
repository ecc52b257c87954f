/**
 * A module folder as a gzipped tar archive (POSIX ustar), the form private registries and
 * `source = "https://.../x.tar.gz"` take. Reproducible: files in name order, owner 0, mode 0644,
 * time 0, so the same module gives the same bytes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function filesUnder(dir: string, at = ''): string[] {
  return readdirSync(path.join(dir, at))
    .sort()
    .flatMap((name) => {
      const relative = at ? `${at}/${name}` : name;
      return statSync(path.join(dir, relative)).isDirectory() ? filesUnder(dir, relative) : [relative];
    });
}

/** The files of `dir` under the folder name `prefix` in a .tar.gz. */
export function tarGz(dir: string, prefix: string): Buffer {
  const parts: Buffer[] = [];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(path.join(dir, file));
    parts.push(header(`${prefix}/${file}`, content.length), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK));
  }
  // Two empty blocks end the archive.
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { base, prefix } = splitName(name);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, base);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  field(148, 8, ' '.repeat(8));
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  field(345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** ustar keeps names up to 100 bytes, and a directory prefix up to 155 more. */
function splitName(name: string): { base: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { base: name, prefix: '' };
  const cut = name.lastIndexOf('/', name.length - 1);
  const base = name.slice(cut + 1);
  const prefix = name.slice(0, cut);
  if (cut < 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`tar: file name too long: ${name}`);
  return { base, prefix };
}
