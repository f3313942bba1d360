/**
 * Store keys → safe file names. Lower-case letters, digits, '-' and '.' are kept; every other byte (upper case
 * included, so case-insensitive file systems cannot merge two keys) becomes `_` + two hex digits.
 */
const KEPT = /[a-z0-9.-]/;
const MAX_FILE_NAME_LENGTH = 200;

export function fileNameForKey(key: string): string {
  if (key.length === 0) throw new StorageKeyError('InvalidStorageKey: an empty key cannot be stored; give every item a name.');
  let encoded = '';
  for (const char of key) {
    if (KEPT.test(char)) encoded += char;
    else for (const byte of Buffer.from(char, 'utf8')) encoded += `_${byte.toString(16).padStart(2, '0')}`;
  }
  const fileName = `${encoded}.json`;
  if (fileName.length > MAX_FILE_NAME_LENGTH) {
    throw new StorageKeyError(`InvalidStorageKey: key "${key.slice(0, 40)}…" is too long to be a file name; use keys under about 60 characters.`);
  }
  return fileName;
}

export function keyForFileName(fileName: string): string {
  const encoded = fileName.replace(/\.json$/, '');
  const bytes: number[] = [];
  for (let index = 0; index < encoded.length; index++) {
    if (encoded[index] === '_') {
      bytes.push(parseInt(encoded.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(encoded.charCodeAt(index));
  }
  return Buffer.from(bytes).toString('utf8');
}

export class StorageKeyError extends Error {
  override readonly name = 'StorageKeyError';
  readonly code = 'InvalidStorageKey';
}
