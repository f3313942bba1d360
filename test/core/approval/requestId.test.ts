import assert from 'node:assert/strict';
import { createRequestIdGenerator, encodeRequestId, isRequestId } from '../../../src/core/approval';

describe('request ids', () => {
  it('accepts only req_ followed by 20 lower-case base32 characters', () => {
    assert.equal(isRequestId('req_abcdefghijklmnopqrst'), true);
    assert.equal(isRequestId('req_234567abcdefghijklmn'), true, 'every digit of the alphabet, 20 characters');
    assert.equal(isRequestId('req_234567abcdefghijklm'), false, '19 characters');
    assert.equal(isRequestId('req_234567abcdefghijklmno'), false, '21 characters');
    assert.equal(isRequestId('req_ABCDEFGHIJKLMNOPQRST'), false, 'upper case');
    // 20 characters each, so only the character in question can fail them.
    assert.equal(isRequestId('req_abcdefghijklmnopqr1s'), false, "'1' is not base32");
    assert.equal(isRequestId('req_abcdefghijklmnopqrs0'), false, "'0' is not base32");
    assert.equal(isRequestId('req_abcdefghijklmnopqr2s'), true, 'the same id with a base32 digit instead');
    assert.equal(isRequestId(' req_abcdefghijklmnopqrst'), false, 'no padding tolerated');
    assert.equal(isRequestId('../../etc/passwd'), false);
    assert.equal(isRequestId(undefined), false);
    assert.equal(isRequestId(42), false);
  });

  it('encodes 100 bits deterministically', () => {
    assert.equal(encodeRequestId(Buffer.alloc(13)), 'req_aaaaaaaaaaaaaaaaaaaa');
    assert.equal(encodeRequestId(Buffer.alloc(13, 0xff)), 'req_77777777777777777777');
    assert.throws(() => encodeRequestId(Buffer.alloc(12)), RangeError);
  });

  it('generates valid, distinct ids from the injected randomness', () => {
    const generator = createRequestIdGenerator();
    const ids = new Set(Array.from({ length: 500 }, () => generator.newId()));
    assert.equal(ids.size, 500);
    assert.ok([...ids].every(isRequestId));
    const fixed = createRequestIdGenerator(() => Buffer.from('00112233445566778899aabbcc', 'hex'));
    assert.equal(fixed.newId(), fixed.newId());
  });
});
