/**
 * The Microsoft 365 Agents Playground CLI (`agentsplayground -c msteams`), one instance per person: it reads
 * `.m365agentsplayground.yml` from its working directory, so each instance gets a temp directory holding the
 * repo's config with a different `currentUser`. The UI has no way to switch user.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RunningChild, startChild } from './childProcess';
import { REPO_ROOT } from './demoBot';
import { freePort, waitForHttpOk } from './network';

const PLAYGROUND_CLI = path.join(REPO_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const REPO_CONFIG = path.join(REPO_ROOT, '.m365agentsplayground.yml');

interface MockUser {
  id: string;
  name: string;
  aadObjectId: string;
  [field: string]: unknown;
}

export interface Playground {
  process: RunningChild;
  url: string;
  user: MockUser;
}

/** The repo's config as `name` sees it: they become currentUser, the previous one joins `users`, so there are still five. */
export function configFor(userName: string): Record<string, unknown> {
  const config = YAML.parse(fs.readFileSync(REPO_CONFIG, 'utf8')) as { currentUser: MockUser; users: MockUser[]; personalChat: { id: string } };
  if (config.currentUser.name === userName) return config;
  const user = config.users.find((candidate) => candidate.name === userName);
  if (!user) throw new Error(`${userName} is not a user in ${REPO_CONFIG}; it has ${config.users.map((candidate) => candidate.name).join(', ')}`);
  return {
    ...config,
    currentUser: user,
    users: [config.currentUser, ...config.users.filter((candidate) => candidate !== user)],
    // Each person has their own 1:1 chat with the bot, as in Teams.
    personalChat: { id: `personal-chat-${user.id.replace(/^user-/, '')}-defender` },
  };
}

export async function startPlayground(options: { userName: string; botMessagesUrl: string; workDir: string; logFile: string; inheritedEnv: NodeJS.ProcessEnv }): Promise<Playground> {
  const config = configFor(options.userName);
  fs.mkdirSync(options.workDir, { recursive: true });
  fs.writeFileSync(path.join(options.workDir, '.m365agentsplayground.yml'), YAML.stringify(config));
  const requestedPort = await freePort();
  const child = startChild({
    name: `playground (${options.userName})`,
    command: process.execPath,
    args: [PLAYGROUND_CLI, '-e', options.botMessagesUrl, '-c', 'msteams', '-p', String(requestedPort), '--disable-telemetry'],
    cwd: options.workDir,
    env: options.inheritedEnv,
    logFile: options.logFile,
  });
  try {
    // It falls back to a random port when the one asked for is taken, so trust what it prints.
    const [, port] = await child.waitForOutput(/Listening on (\d+)/, 60_000);
    const url = `http://localhost:${port}`;
    await waitForHttpOk(`${url}/`, { timeoutInMs: 30_000, isAlive: () => !child.hasExited, describe: () => child.tail() });
    return { process: child, url, user: config.currentUser as MockUser };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
