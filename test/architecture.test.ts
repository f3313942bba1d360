/**
 * The layers stay honest: what each part of src/ may import, read from the environment, and how src/bot is arranged.
 * Reads the real source files, so a new file that breaks a rule fails here with its name and the offending import.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  file: string;
  specifier: string;
  /** For a relative import, the path it reaches, relative to src/ ('core/plan', 'bot/host/server'…); else undefined. */
  target?: string;
}

const IMPORT_PATTERN = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)'([^']+)'/gm;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const relativeFile = path.relative(SRC, file);
  return [...text.matchAll(IMPORT_PATTERN)].map(([, specifier]) => importFrom(relativeFile, specifier));
}

function importFrom(file: string, specifier: string): Import {
  const target = specifier.startsWith('.') ? path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier)) : undefined;
  return { file, specifier, target };
}

const layerOf = (relativePath: string) => relativePath.split(path.sep)[0];
const filesOf = (layer: string) => sourceFiles(path.join(SRC, layer));
const describeImport = ({ file, specifier }: Import) => `${file} imports '${specifier}'`;

/**
 * The roles inside src/bot, lowest first. A file may import its own folder and lower roles only. deps.ts (the
 * injected dependencies: types) sits outside the order; commands and actions register through their route.
 */
const BOT_ROLE_LEVELS: Record<string, number> = {
  host: 0, guards: 1, delivery: 1, flows: 2,
  commands: 3, actions: 3, events: 3, watch: 3, 'commandRoute.ts': 3, 'actionRoute.ts': 3,
  'app.ts': 4, 'sweeper.ts': 4,
};

/** 'bot/flows/enableFlow.ts' → 'flows'; 'bot/app.ts' → 'app.ts'; outside src/bot → undefined. */
function botRoleOf(relativePath: string): string | undefined {
  const [layer, role] = relativePath.split(path.sep);
  if (layer !== 'bot' || role === undefined) return undefined;
  return role;
}

const breaksBotDirection = (found: Import) => {
  const from = botRoleOf(found.file);
  // A relative import names no extension: '../commandRoute' reaches the file commandRoute.ts.
  const to = found.target && botRoleOf(path.extname(found.target) ? found.target : `${found.target}.ts`);
  if (!from || !to || from === to || from === 'deps.ts' || to === 'deps.ts') return false;
  const [fromLevel, toLevel] = [BOT_ROLE_LEVELS[from], BOT_ROLE_LEVELS[to]];
  if (fromLevel === undefined || toLevel === undefined) return true; // a new folder or top file must take a place in the order
  return toLevel > fromLevel || (toLevel === fromLevel && fromLevel < 3);
};

/** Each rule: does this import break it? */
const breaksCoreRule = (found: Import) => (found.target ? layerOf(found.target) !== 'core' : !found.specifier.startsWith('node:'));
const breaksCardsRule = (found: Import) =>
  found.target ? !['cards', 'core'].includes(layerOf(found.target)) : found.specifier !== 'adaptivecards-templating';
const breaksBotRule = (found: Import) =>
  found.target ? ['azure', 'storage', 'wiring', 'index'].includes(layerOf(found.target)) : found.specifier.startsWith('@azure/');

describe('architecture', () => {
  it('src/core imports only itself and Node built-ins: no SDK, no bot, azure, cards or storage', () => {
    const imports = filesOf('core').flatMap(importsOf);
    assert.ok(imports.length > 50, `read ${imports.length} imports: the pattern still finds them`);
    assert.deepEqual(imports.filter(breaksCoreRule).map(describeImport), []);
  });

  it('src/cards imports only itself, the core and the templating package', () => {
    assert.deepEqual(filesOf('cards').flatMap(importsOf).filter(breaksCardsRule).map(describeImport), []);
  });

  it('src/bot never reaches the Azure client, the stores or the wiring: they come in through its deps', () => {
    assert.deepEqual(filesOf('bot').flatMap(importsOf).filter(breaksBotRule).map(describeImport), []);
  });

  it('src/bot keeps at most 12 files at its top; the rest are arranged by role in folders', () => {
    const topFiles = fs.readdirSync(path.join(SRC, 'bot'), { withFileTypes: true }).filter((entry) => entry.isFile());
    assert.ok(topFiles.length <= 12, topFiles.map((entry) => entry.name).join(', '));
  });

  it('imports in src/bot run one way: entry points → flows → delivery and guards → host', () => {
    const against = filesOf('bot').flatMap(importsOf).filter(breaksBotDirection);
    assert.deepEqual(against.map(describeImport), []);
  });

  it('code outside src/core/approval imports it through its index only', () => {
    const inside = path.join('core', 'approval');
    const deep = sourceFiles(SRC)
      .flatMap(importsOf)
      .filter((found) => !found.file.startsWith(inside + path.sep) && found.target?.startsWith(inside + path.sep));
    assert.deepEqual(deep.map(describeImport), []);
  });

  it('only src/config reads process.env (and the ARM simulator, a program of its own)', () => {
    const readers = sourceFiles(SRC)
      .filter((file) => /process\.env\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file))
      .filter((file) => layerOf(file) !== 'config' && !file.startsWith(path.join('azure', 'simulator')));
    assert.deepEqual(readers, []);
  });

  it('the rules can fail: each catches the import it forbids', () => {
    assert.ok(breaksCoreRule(importFrom('core/approval/x.ts', '@azure/arm-security')));
    assert.ok(breaksCoreRule(importFrom('core/approval/x.ts', '../../bot/app')));
    assert.ok(!breaksCoreRule(importFrom('core/approval/x.ts', '../plan')));
    assert.ok(breaksCardsRule(importFrom('cards/x.ts', '../bot/app')));
    assert.ok(breaksBotRule(importFrom('bot/flows/x.ts', '../../azure/defenderClient')));
    assert.ok(!breaksBotRule(importFrom('bot/flows/x.ts', '../../core/approval')));
    assert.ok(breaksBotDirection(importFrom('bot/host/x.ts', '../flows/enableFlow')));
    assert.ok(breaksBotDirection(importFrom('bot/delivery/x.ts', '../guards/rateLimit')));
    assert.ok(!breaksBotDirection(importFrom('bot/flows/x.ts', '../delivery/cardPublisher')));
    assert.ok(!breaksBotDirection(importFrom('bot/commands/x.command.ts', '../commandRoute')));
  });
});
