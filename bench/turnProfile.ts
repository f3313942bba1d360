/**
 * Where a status turn's CPU goes: a second bot child under `node --cpu-prof`, the same load as B1 (after a warm-up),
 * and the profile cut to the measured window so start-up and module loading do not count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BotClient } from './botClient';
import { OUT_DIR } from './childProcess';
import { startDefender } from './defenderProcess';
import { runLoad } from './loadDriver';
import { monotonicNowUs, summariseProfile, type ProfileSummary } from './profileSummary';
import type { BenchTeams } from './teams';
import { isCardAnswer } from './turnCost';

/** Synchronous entry points whose whole cost we want: card templating, and the simulator's request pipeline. */
const INCLUSIVE_OF = ['expandTemplate', 'answer', 'checkResponse'];

export interface TurnProfile extends ProfileSummary {
  messages: number;
  /** Busy CPU per status turn, bot and in-process simulator together. */
  cpuMsPerTurn: number;
  profileFile: string;
}

export async function profileStatusTurns(teams: BenchTeams, compiledArgs: string[], { count = 1000, concurrency = 16 } = {}): Promise<TurnProfile> {
  // One profile kept (the latest): they are tens of megabytes each.
  const profileDir = path.join(OUT_DIR, 'profiles', 'status');
  fs.rmSync(profileDir, { recursive: true, force: true });
  const bot = await startDefender('defender-profiled', ['--cpu-prof', '--cpu-prof-dir', profileDir, ...compiledArgs]);
  const client = new BotClient(bot.url);
  const load = (messages: number) =>
    runLoad({ client, connector: teams.connector, count: messages, concurrency, makeActivity: () => teams.message('status "Contoso Prod"'), isAnswer: isCardAnswer });
  let window;
  try {
    await load(200);
    const fromUs = monotonicNowUs();
    await load(count);
    window = { fromUs, toUs: monotonicNowUs() };
  } finally {
    client.close();
    await bot.stop(); // the profile is written as the process exits
  }
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}: did the bot exit cleanly?`);
  const profileFile = path.join(profileDir, file);
  const summary = summariseProfile(JSON.parse(fs.readFileSync(profileFile, 'utf8')), 15, window, INCLUSIVE_OF);
  return { ...summary, messages: count, cpuMsPerTurn: Math.round((summary.totalMs / count) * 100) / 100, profileFile: path.relative(path.resolve(OUT_DIR, '..', '..'), profileFile) };
}
