/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package (node_modules/<pkg>, src/<layer>,
 * node: internals) and the top functions. `tsx bench/profileSummary.ts <file.cpuprofile> [topN]`.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: Array<{ name: string; selfMs: number; share: number }>;
  topFunctions: Array<{ name: string; where: string; selfMs: number }>;
  /** Time spent inside (and below) the named synchronous functions, e.g. expandTemplate: the whole templating cost. */
  inclusiveMs: Record<string, number>;
}

/** "node_modules/@scope/name/…" → "@scope/name"; our code → "src/<layer>"; V8/Node internals by kind. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName === '(garbage collector)' ? '(gc)' : functionName === '(idle)' || functionName === '(program)' ? functionName : '(native)';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = url.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  // The ARM simulator runs inside the bot in demo mode: keep it apart from the product code it stands in for.
  if (/\/(src|dist)\/azure\/simulator\//.test(url)) return 'src/azure/simulator';
  const inSrc = /\/(src|dist)\/([^/]+)/.exec(url);
  if (inSrc) return `src/${inSrc[2].replace(/\.(js|ts)$/, '')}`;
  if (url.startsWith('node:')) return url.split('/')[0];
  return url.includes('/bench/') ? 'bench' : '(other)';
}

/** Microseconds on the monotonic clock V8 stamps samples with (process.hrtime in any process on the machine). */
export const monotonicNowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** A window (monotonic µs) keeps only the samples taken in it: the measured load, not start-up or warm-up. */
export function summariseProfile(profile: CpuProfile, topN = 15, window?: { fromUs: number; toUs: number }, inclusiveOf: string[] = []): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** The first of `inclusiveOf` on the sampled stack, if any (walking up from the sampled frame). */
  const enclosing = (id: number): string | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (inclusiveOf.includes(name)) return name;
    }
    return undefined;
  };
  const selfUs = new Map<number, number>();
  let sampledAtUs = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    sampledAtUs += deltaUs;
    if (window && (sampledAtUs < window.fromUs || sampledAtUs > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + deltaUs);
  });
  const packages = new Map<string, number>();
  const functions = new Map<string, { where: string; us: number }>();
  const inclusiveUs = new Map<string, number>(inclusiveOf.map((name) => [name, 0]));
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    totalUs += us;
    const within = enclosing(id);
    if (within) inclusiveUs.set(within, inclusiveUs.get(within)! + us);
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url}:${callFrame.lineNumber + 1}`;
    const entry = functions.get(key) ?? { where: `${pkg} ${callFrame.url.split('/').slice(-1)[0]}:${callFrame.lineNumber + 1}`, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    byPackage: [...packages].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([name, us]) => ({ name, selfMs: ms(us), share: Math.round((us / totalUs) * 1000) / 10 })),
    inclusiveMs: Object.fromEntries([...inclusiveUs].map(([name, us]) => [name, ms(us)])),
    topFunctions: [...functions].sort((a, b) => b[1].us - a[1].us).slice(0, topN).map(([key, { where, us }]) => ({ name: key.split(' ')[0], where, selfMs: ms(us) })),
  };
}

if (require.main === module) {
  const [file, topN] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/profileSummary.ts <file.cpuprofile> [topN]');
  const summary = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')), Number(topN ?? 15));
  console.log(`busy (non-idle) CPU: ${summary.totalMs} ms`);
  console.table(summary.byPackage);
  console.table(summary.topFunctions);
}
