/**
 * A conversation's `serviceUrl` "is stable but can change": the bot keeps the latest one each conversation's inbound
 * activities carried, and every proactive send (card updates, the approvers' channel, notices) goes to it rather than
 * to the address stored with a card weeks ago. Kept in the shared store, so other instances and restarts know it too;
 * each instance re-reads what it remembers after a short while, so a move another instance saw reaches it too.
 */
import { createHash } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import type { KeyValueStore } from '../../core/keyValueStore';
import type { Clock } from '../../core/ports';
import { channelPartOf } from '../host/conversationIds';
import type { ProactiveChannel } from '../host/detachedTurn';

const KEY_PREFIX = 'defender/service-urls/';
/** How long an instance trusts what it last read or wrote; then it reads the shared store again. */
export const ADDRESS_MEMORY_MS = 30_000;

const keyOf = (conversationId: string) => KEY_PREFIX + createHash('sha256').update(channelPartOf(conversationId).toLowerCase()).digest('hex').slice(0, 40);

export class ConversationAddresses {
  /** Latest known serviceUrl per conversation key (`null`: none in storage), and when this instance learnt it. */
  private readonly known = new Map<string, { serviceUrl: string | null; atMs: number }>();

  constructor(private readonly store: KeyValueStore, private readonly clock: Clock) {}

  /** Notes the serviceUrl an inbound activity came with; writes only when it is new or changed. */
  async observe(activity: Partial<Activity>): Promise<void> {
    const conversationId = activity.conversation?.id;
    const serviceUrl = activity.serviceUrl;
    if (!conversationId || typeof serviceUrl !== 'string' || !serviceUrl) return;
    const key = keyOf(conversationId);
    if ((await this.latest(key)) === serviceUrl) return;
    this.known.set(key, { serviceUrl, atMs: this.clock.now().getTime() });
    await this.store.write({ [key]: { serviceUrl, eTag: '*' } });
  }

  /** `reference` with the latest serviceUrl seen in its conversation. */
  async current(reference: Partial<ConversationReference>): Promise<Partial<ConversationReference>> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return reference;
    const latest = await this.latest(keyOf(conversationId));
    return latest && latest !== reference.serviceUrl ? { ...reference, serviceUrl: latest } : reference;
  }

  /** A proactive channel that always goes to the conversation's latest address. */
  addressed(proactive: ProactiveChannel): ProactiveChannel {
    return { continueConversation: async (reference, logic) => proactive.continueConversation(await this.current(reference), logic) };
  }

  private async latest(key: string): Promise<string | undefined> {
    const nowMs = this.clock.now().getTime();
    let known = this.known.get(key);
    if (!known || nowMs - known.atMs >= ADDRESS_MEMORY_MS) {
      const stored = (await this.store.read([key]))[key] as { serviceUrl?: string } | undefined;
      known = { serviceUrl: stored?.serviceUrl ?? null, atMs: nowMs };
      this.known.set(key, known);
    }
    return known.serviceUrl ?? undefined;
  }
}
