/**
 * The people and conversations a test declares, and the roster Teams answers from: who is a member of which chat,
 * channel or team, found by Entra object id, MRI or UPN as `GET /v3/conversations/{id}/members/{userId}` is.
 */

export interface PersonSpec {
  name: string;
  /** Entra object id: what `from.aadObjectId` carries. */
  aadObjectId: string;
  /** Teams user id (MRI), `29:…`: what `from.id` carries and what `refresh.userIds` must list. */
  mri: string;
  /** Default: the name's first word, lower-cased, at contoso.com. */
  upn?: string;
  /** Default: the UPN. */
  email?: string;
}

export type Person = Readonly<Required<PersonSpec>>;

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface ConversationSpec {
  /** As Teams names it: `a:…` (personal), `19:…@thread.v2` (group chat), `19:…@thread.tacv2[;messageid=…]` (channel). */
  id: string;
  kind: ConversationKind;
  /** The people in it besides the bot. A personal chat has exactly one. */
  members: Person[];
  /** Channels only: the team (TeamsInfo.getMember asks the team's roster). Default: the channel's own id, as for General. */
  team?: { id: string; name?: string };
}

export interface Conversation {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly members: readonly Person[];
  /** Channels: the channel id (the conversation id without `;messageid=…`) and its team. */
  readonly channelId?: string;
  readonly team?: { readonly id: string; readonly name?: string };
}

/** The TeamsChannelAccount Teams answers for a member (botframework-schema's shape). */
export interface TeamsChannelAccount {
  id: string;
  name: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  userRole: 'user';
}

export type MemberLookup =
  | { found: 'member'; member: TeamsChannelAccount }
  | { found: 'no conversation' }
  | { found: 'no member' };

const sameText = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

export class Roster {
  private readonly people = new Map<string, Person>();
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly tenantId: string) {}

  addPerson(spec: PersonSpec): Person {
    if (!/^29:./.test(spec.mri)) throw new Error(`TeamsConnector: ${spec.name}'s mri "${spec.mri}" is not a Teams user id (29:…)`);
    const upn = spec.upn ?? `${spec.name.split(/\s+/)[0].toLowerCase()}@contoso.com`;
    const person: Person = Object.freeze({ name: spec.name, aadObjectId: spec.aadObjectId, mri: spec.mri, upn, email: spec.email ?? upn });
    const clash = [...this.people.values()].find((other) => other.mri === person.mri || sameText(other.aadObjectId, person.aadObjectId));
    if (clash && JSON.stringify(clash) !== JSON.stringify(person)) {
      throw new Error(`TeamsConnector: ${person.name} shares an MRI or object id with ${clash.name}`);
    }
    this.people.set(person.mri, clash ?? person);
    return clash ?? person;
  }

  addConversation(spec: ConversationSpec): Conversation {
    if (this.conversations.has(spec.id)) throw new Error(`TeamsConnector: conversation ${spec.id} is declared twice`);
    if (spec.kind === 'personal' && spec.members.length !== 1) {
      throw new Error(`TeamsConnector: personal chat ${spec.id} needs exactly one member (the user), not ${spec.members.length}`);
    }
    const stranger = spec.members.find((member) => this.people.get(member.mri) !== member);
    if (stranger) throw new Error(`TeamsConnector: ${stranger.name} was not declared with teams.person()`);
    const channelId = spec.kind === 'channel' ? spec.id.split(';')[0] : undefined;
    const conversation: Conversation = Object.freeze({
      id: spec.id,
      kind: spec.kind,
      members: Object.freeze([...spec.members]),
      ...(channelId ? { channelId, team: Object.freeze({ ...(spec.team ?? { id: channelId }) }) } : {}),
    });
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  conversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  isMember(person: Person, conversation: Conversation): boolean {
    return conversation.members.includes(person);
  }

  /**
   * The members behind a conversation id as the connector receives it: a declared conversation, a channel addressed
   * without its `;messageid=…`, or a team (all members of its channels), since TeamsInfo.getMember asks the team.
   */
  membersOf(conversationOrTeamId: string): readonly Person[] | undefined {
    const exact = this.conversations.get(conversationOrTeamId);
    if (exact) return exact.members;
    const all = [...this.conversations.values()];
    const channel = all.find((conversation) => conversation.channelId === conversationOrTeamId);
    const teamChannels = all.filter((conversation) => conversation.team?.id === conversationOrTeamId);
    if (!channel && teamChannels.length === 0) return undefined;
    return [...new Set([...(channel?.members ?? []), ...teamChannels.flatMap((conversation) => conversation.members)])];
  }

  /** `userId` may be the member's Entra object id, MRI or UPN (case does not matter for the id and the UPN). */
  findMember(conversationOrTeamId: string, userId: string): MemberLookup {
    const members = this.membersOf(conversationOrTeamId);
    if (!members) return { found: 'no conversation' };
    const person = members.find((member) => member.mri === userId || sameText(member.aadObjectId, userId) || sameText(member.upn, userId));
    return person ? { found: 'member', member: this.channelAccount(person) } : { found: 'no member' };
  }

  channelAccount(person: Person): TeamsChannelAccount {
    const [givenName, ...rest] = person.name.split(/\s+/);
    return {
      id: person.mri,
      name: person.name,
      aadObjectId: person.aadObjectId,
      givenName,
      surname: rest.join(' '),
      email: person.email,
      userPrincipalName: person.upn,
      tenantId: this.tenantId,
      userRole: 'user',
    };
  }
}
