// Tests run on Debian 12's Node.js 18, which has Web Crypto only as require('node:crypto')
// .webcrypto, not as the global `crypto` that every browser (and Node 19+) has.
import { webcrypto } from 'node:crypto';

if (!globalThis.crypto) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}
