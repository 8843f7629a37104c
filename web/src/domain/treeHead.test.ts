import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, treeHeadSignatureInput } from './merkle';
import { verifyTreeHeadSignature } from './treeHead';

const ROOT = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';

async function signedHead() {
  const secret = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')!; // RFC 8032 test 1
  const publicKey = await ed.getPublicKeyAsync(secret);
  const msg = treeHeadSignatureInput(1764762000000, 8, hexToBytes(ROOT)!);
  const signature = await ed.signAsync(msg, secret);
  return { tree_size: 8, root_hash: ROOT, timestamp: 1764762000000, signature: bytesToHex(signature), public_key: bytesToHex(publicKey) };
}

describe('verifyTreeHeadSignature', () => {
  it('accepts a good head and names the way it checked', async () => {
    const got = await verifyTreeHeadSignature(await signedHead());
    expect(got.ok).toBe(true);
  });

  it('refuses a head whose size, time or root was changed', async () => {
    const head = await signedHead();
    expect(await verifyTreeHeadSignature({ ...head, tree_size: 9 })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyTreeHeadSignature({ ...head, timestamp: head.timestamp + 1 })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyTreeHeadSignature({ ...head, root_hash: '00'.repeat(32) })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyTreeHeadSignature({ ...head, signature: 'zz' })).toEqual({ ok: false, reason: 'malformed' });
  });
});

// A head and an inclusion proof as the C++ server (libsodium) sent them for the demo database.
import fixture from './serverLog.fixture.json';
import { verifyInclusion } from './merkle';
import { vi } from 'vitest';

describe('what the server sends', () => {
  it('checks a real signed head and a real audit path of leaf 12345', async () => {
    expect(await verifyTreeHeadSignature(fixture.sth)).toEqual({ ok: true, method: expect.any(String) });
    const path = fixture.proof.audit_path.map((h) => hexToBytes(h)!);
    const got = await verifyInclusion(fixture.proof.leaf_index, fixture.sth.tree_size, hexToBytes(fixture.leaf_hash)!, path, hexToBytes(fixture.sth.root_hash)!);
    expect(fixture.proof.leaf_index).toBe(12345);
    expect(got).toEqual({ ok: true });
  });

  it('falls back to @noble/ed25519 where WebCrypto has no Ed25519', async () => {
    const spy = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('Unrecognized name.', 'NotSupportedError'));
    try {
      expect(await verifyTreeHeadSignature(fixture.sth)).toEqual({ ok: true, method: 'noble' });
      expect(await verifyTreeHeadSignature({ ...fixture.sth, tree_size: 1 })).toEqual({ ok: false, reason: 'bad_signature' });
    } finally {
      spy.mockRestore();
    }
  });
});
