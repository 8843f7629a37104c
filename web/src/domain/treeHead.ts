// The Ed25519 signature of a signed tree head over its 50 TreeHeadSignature bytes: WebCrypto's
// Ed25519 where the browser has it (current Chromium), else @noble/ed25519 (older WeChat
// webviews), loaded only then.
import { hexToBytes, treeHeadSignatureInput } from './merkle';

export interface SignedTreeHead {
  tree_size: number;
  root_hash: string;
  timestamp: number;
  signature: string;
  public_key: string;
}

export type SignatureCheck =
  | { ok: true; method: 'webcrypto' | 'noble' }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'unavailable' };

async function webCryptoVerify(pk: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean | null> {
  try {
    const key = await crypto.subtle.importKey('raw', pk as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig as BufferSource, msg as BufferSource);
  } catch {
    return null; // Ed25519 not supported here (or the key was refused): try the library
  }
}

export async function verifyTreeHeadSignature(head: SignedTreeHead): Promise<SignatureCheck> {
  const pk = hexToBytes(head.public_key);
  const sig = hexToBytes(head.signature);
  const root = hexToBytes(head.root_hash);
  if (!pk || pk.length !== 32 || !sig || sig.length !== 64 || !root || root.length !== 32) return { ok: false, reason: 'malformed' };
  const msg = treeHeadSignatureInput(head.timestamp, head.tree_size, root);
  const native = await webCryptoVerify(pk, sig, msg);
  if (native !== null) return native ? { ok: true, method: 'webcrypto' } : { ok: false, reason: 'bad_signature' };
  try {
    const ed = await import('@noble/ed25519');
    return (await ed.verifyAsync(sig, msg, pk)) ? { ok: true, method: 'noble' } : { ok: false, reason: 'bad_signature' };
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
}
