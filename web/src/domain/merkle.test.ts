import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, leafHash, merkleRoot, treeHeadSignatureInput, verifyInclusion } from './merkle';

// RFC 6962's reference vectors (as in Certificate Transparency's tests).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOT8 = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';
const PATH_0_8 = [
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
];

const hex = (s: string) => hexToBytes(s)!;
const leafHashes = () => Promise.all(LEAVES.map((l) => leafHash(hex(l))));

describe('merkle', () => {
  it('computes the reference root of the 8 leaves', async () => {
    expect(bytesToHex(await merkleRoot(await leafHashes()))).toBe(ROOT8);
  });

  it('verifies the reference inclusion proof of leaf 0 in size 8', async () => {
    const leaves = await leafHashes();
    expect(await verifyInclusion(0, 8, leaves[0], PATH_0_8.map(hex), hex(ROOT8))).toEqual({ ok: true });
  });

  it('refuses a tampered path, leaf, index, root, and paths too long or too short', async () => {
    const leaves = await leafHashes();
    const path = PATH_0_8.map(hex);
    const bad = hex(PATH_0_8[1]);
    bad[0] ^= 1;
    expect(await verifyInclusion(0, 8, leaves[0], [path[0], bad, path[2]], hex(ROOT8))).toEqual({ ok: false, reason: 'root_mismatch' });
    expect(await verifyInclusion(0, 8, leaves[1], path, hex(ROOT8))).toEqual({ ok: false, reason: 'root_mismatch' });
    expect(await verifyInclusion(1, 8, leaves[0], path, hex(ROOT8))).toEqual({ ok: false, reason: 'root_mismatch' });
    expect(await verifyInclusion(8, 8, leaves[0], path, hex(ROOT8))).toEqual({ ok: false, reason: 'bad_index' });
    expect(await verifyInclusion(0, 8, leaves[0], path.slice(0, 2), hex(ROOT8))).toEqual({ ok: false, reason: 'path_too_short' });
    expect(await verifyInclusion(0, 8, leaves[0], [...path, path[0]], hex(ROOT8))).toEqual({ ok: false, reason: 'path_too_long' });
  });

  it('verifies every leaf of every tree size up to 8 against paths built from the definition', async () => {
    const leaves = await leafHashes();
    // RFC 6962 §2.1.1 PATH(m, D[n]).
    const pathOf = async (m: number, d: Uint8Array[]): Promise<Uint8Array[]> => {
      if (d.length <= 1) return [];
      let k = 1;
      while (k * 2 < d.length) k *= 2;
      if (m < k) return [...(await pathOf(m, d.slice(0, k))), await merkleRoot(d.slice(k))];
      return [...(await pathOf(m - k, d.slice(k))), await merkleRoot(d.slice(0, k))];
    };
    for (let n = 1; n <= 8; n += 1) {
      const root = await merkleRoot(leaves.slice(0, n));
      for (let m = 0; m < n; m += 1) {
        const path = await pathOf(m, leaves.slice(0, n));
        expect(await verifyInclusion(m, n, leaves[m], path, root), `leaf ${m} of ${n}`).toEqual({ ok: true });
      }
    }
  });

  it('lays out the 50 TreeHeadSignature bytes', () => {
    const bytes = treeHeadSignatureInput(0x0102030405, 8, hex(ROOT8));
    expect(bytes.length).toBe(50);
    expect(bytesToHex(bytes)).toBe(`0001${'0000000102030405'}${'0000000000000008'}${ROOT8}`);
  });

  it('reads only well-formed hex', () => {
    expect(hexToBytes('0g')).toBeNull();
    expect(hexToBytes('abc')).toBeNull();
    expect(bytesToHex(hexToBytes('00ff')!)).toBe('00ff');
  });
});
