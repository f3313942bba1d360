/**
 * The Agents Playground validates .m365agentsplayground.yml against a JSON schema that ships only inside its
 * webpack bundle (the schema URL is not reachable offline). We lift it out of the installed bundle, so the test
 * checks the file against exactly what the installed playground will enforce.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const SCHEMA_ID = '"$id":"https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json"';

export function loadPlaygroundConfigSchema(): Record<string, unknown> {
  const bundlePath = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'dist', 'index.js');
  const bundle = fs.readFileSync(bundlePath, 'utf8');
  const idAt = bundle.indexOf(SCHEMA_ID);
  const literalStart = bundle.lastIndexOf("JSON.parse('", idAt);
  const literalEnd = bundle.indexOf("')", idAt);
  if (idAt < 0 || literalStart < 0 || literalEnd < 0 || idAt - literalStart > 20) {
    throw new Error(`the playground config schema was not found in ${bundlePath}; has @microsoft/m365agentsplayground changed its bundle?`);
  }
  // The schema is a single-quoted JS string literal; evaluating just that literal in an empty context un-escapes it.
  const literal = bundle.slice(literalStart + "JSON.parse(".length, literalEnd + 1);
  return JSON.parse(vm.runInNewContext(literal, {}) as string);
}
