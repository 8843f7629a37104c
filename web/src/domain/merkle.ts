// The public log's checks that a phone can do by itself (docs/log.md): RFC 6962 leaf and node
// hashes, RFC 9162 §2.1.3.2 verification of an inclusion proof, and the 50 bytes of RFC 6962's
// TreeHeadSignature that a signed tree head's Ed25519 signature covers. Pure: SHA-256 comes from
// WebCrypto (crypto.subtle), which needs a secure context (https:// or http://127.0.0.1).

export type Bytes = Uint8Array;

export function hexToBytes(hex: string): Bytes | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Bytes): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether this page may use WebCrypto at all (it is missing outside a secure context). */
export function hasSubtleCrypto(): boolean {
  return typeof globalThis.crypto !== 'undefined' && typeof globalThis.crypto.subtle !== 'undefined';
}

export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as BufferSource));
}

function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** SHA-256(0x00 ‖ entry) */
export function leafHash(entry: Bytes): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(0), entry));
}

/** SHA-256(0x01 ‖ left ‖ right) */
export function nodeHash(left: Bytes, right: Bytes): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** RFC 6962 §2.1 MTH of the given leaf hashes (the empty tree's root is SHA-256 of nothing). */
export async function merkleRoot(leaves: Bytes[]): Promise<Bytes> {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(await merkleRoot(leaves.slice(0, k)), await merkleRoot(leaves.slice(k)));
}

export type InclusionFailure = 'bad_index' | 'path_too_long' | 'path_too_short' | 'root_mismatch';

export type InclusionResult = { ok: true } | { ok: false; reason: InclusionFailure };

function equal(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: does `path` lead from `leaf` at `index` in a tree of `size` to `root`? */
export async function verifyInclusion(index: number, size: number, leaf: Bytes, path: Bytes[], root: Bytes): Promise<InclusionResult> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    return { ok: false, reason: 'bad_index' };
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return { ok: false, reason: 'path_too_long' };
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!odd(fn)) {
        do {
          fn = half(fn);
          sn = half(sn);
        } while (!odd(fn) && fn !== 0);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return { ok: false, reason: 'path_too_short' };
  return equal(r, root) ? { ok: true } : { ok: false, reason: 'root_mismatch' };
}

/** RFC 6962 TreeHeadSignature: version 0, signature_type 1, timestamp (ms), tree_size, root: 50 bytes. */
export function treeHeadSignatureInput(timestamp: number, treeSize: number, root: Bytes): Bytes {
  const out = new Uint8Array(50);
  const view = new DataView(out.buffer);
  out[0] = 0;
  out[1] = 1;
  view.setBigUint64(2, BigInt(timestamp));
  view.setBigUint64(10, BigInt(treeSize));
  out.set(root, 18);
  return out;
}
