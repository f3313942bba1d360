import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './fixtures';
import { loadPlaygroundConfigSchema } from './playgroundSchema';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PlaygroundUser { id: string; name: string; aadObjectId: string }

const readConfig = () => parse(fs.readFileSync(path.join(PROJECT_ROOT, '.m365agentsplayground.yml'), 'utf8'));

describe('.m365agentsplayground.yml', () => {
  it('matches the config schema of the installed Agents Playground', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(loadPlaygroundConfigSchema());
    const valid = validate(readConfig());
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema check can fail: a sixth user is rejected', () => {
    const config = readConfig();
    config.users.push({ ...config.users[0], id: 'one-too-many' });
    assert.equal(new Ajv({ strict: false }).compile(loadPlaygroundConfigSchema())(config), false);
  });

  it('passes the playground\'s own business rules: unique user ids and unique chat, team and channel ids', () => {
    const config = readConfig();
    const userIds = [config.currentUser.id, ...config.users.map((user: PlaygroundUser) => user.id)];
    assert.equal(new Set(userIds).size, userIds.length);
    const conversationIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c: { id: string }) => c.id)];
    assert.equal(new Set(conversationIds).size, conversationIds.length);
  });

  it('has the demo people with fixed, distinct Entra object ids', () => {
    const config = readConfig();
    const people: PlaygroundUser[] = [config.currentUser, ...config.users];
    for (const person of people) assert.match(person.aadObjectId, GUID, `${person.name} has no GUID aadObjectId`);
    assert.equal(new Set(people.map((person) => person.aadObjectId.toLowerCase())).size, people.length);
    assert.deepEqual([config.currentUser.name, config.currentUser.aadObjectId], ['Alex Admin', '00000000-0000-4000-8000-00000000a11e']);
    const byName = new Map(people.map((person) => [person.name, person.aadObjectId]));
    assert.equal(byName.get('Avery Approver'), '00000000-0000-4000-8000-0000000a9e01');
    assert.equal(byName.get('Blake Approver'), '00000000-0000-4000-8000-0000000a9e02');
  });

  it('has a team with a channel besides General, so channel @mentions can be tried', () => {
    const { team } = readConfig();
    assert.ok(team.channels.length >= 1, 'no extra channel');
    assert.match(team.aadGroupId, GUID);
  });
});
