/**
 * Request ids are strict so a card payload or a typed command can be validated before any lookup:
 * `req_` followed by 20 characters of lower-case RFC 4648 base32 (a–z, 2–7), i.e. 100 random bits.
 */
import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../ports';

export const REQUEST_ID_PATTERN = /^req_[a-z2-7]{20}$/;
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** Encodes the first 100 bits of `bytes` (at least 13 bytes) as 20 base32 characters. */
export function encodeRequestId(bytes: Uint8Array): string {
  if (bytes.length < 13) throw new RangeError('A request id needs at least 13 random bytes (100 bits).');
  let bits = 0;
  let bitCount = 0;
  let suffix = '';
  for (const byte of bytes) {
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (bitCount >= 5 && suffix.length < 20) {
      suffix += BASE32_ALPHABET[(bits >> (bitCount - 5)) & 31];
      bitCount -= 5;
    }
    bits &= (1 << bitCount) - 1;
    if (suffix.length === 20) break;
  }
  return `req_${suffix}`;
}

/** The production generator: cryptographically random, so ids cannot be guessed from one another. */
export function createRequestIdGenerator(random: (size: number) => Uint8Array = randomBytes): IdGenerator {
  return { newId: () => encodeRequestId(random(13)) };
}
