/** "did you mean `status`?": the command name within a small edit distance of what was typed. */
import { COMMAND_NAMES, CommandName } from './command';

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

export function closestCommand(word: string): CommandName | undefined {
  const typed = word.toLowerCase();
  if (!typed) return undefined;
  let best: { name: CommandName; distance: number } | undefined;
  for (const name of COMMAND_NAMES) {
    const distance = name.startsWith(typed) && typed.length >= 2 ? 0 : editDistance(typed, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  // Allow about one typo per three letters, so "stauts" finds status but "hello" finds nothing.
  return best && best.distance <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}
