import { KeyedMutex } from '../core/keyedMutex';

export { KeyedMutex };

/** One mutex per resolved directory, shared by every store instance over it in this process. */
const mutexesByDirectory = new Map<string, KeyedMutex>();

export function mutexForDirectory(directory: string): KeyedMutex {
  let mutex = mutexesByDirectory.get(directory);
  if (!mutex) {
    mutex = new KeyedMutex();
    mutexesByDirectory.set(directory, mutex);
  }
  return mutex;
}
