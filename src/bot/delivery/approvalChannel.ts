/**
 * The approvers' channel (DEFENDER_APPROVAL_CONVERSATION): where every new request card is also posted, so
 * approvers need not be in the requester's chat. Its conversation reference can only be learnt from Teams (when
 * the bot is installed there, or `register approvals channel`), so it is kept in the shared store: any instance
 * can then post there proactively.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import type { KeyValueStore } from '../../core/keyValueStore';
import { channelPartOf, conversationIdsOf } from '../host/conversationIds';

const KEY = 'defender/approval-channel';

interface ChannelDocument {
  conversationId: string;
  reference: Partial<ConversationReference>;
  registeredAt: string;
  registeredBy?: string;
  eTag?: string;
}

export class ApprovalChannel {
  constructor(
    private readonly store: KeyValueStore,
    /** The configured conversation id; unset means there is no approvers' channel. */
    readonly conversationId: string | undefined,
  ) {}

  get isConfigured(): boolean {
    return Boolean(this.conversationId);
  }

  /** Whether this turn happens in the configured approvers' channel (any thread of it). */
  isHere(context: TurnContext): boolean {
    if (!this.conversationId) return false;
    const wanted = channelPartOf(this.conversationId).toLowerCase();
    return conversationIdsOf(context).some((id) => id.toLowerCase() === wanted);
  }

  /** Whether a stored card location lies in the approvers' channel. */
  isReference(reference: Partial<ConversationReference>): boolean {
    if (!this.conversationId) return false;
    return channelPartOf(reference.conversation?.id ?? '').toLowerCase() === channelPartOf(this.conversationId).toLowerCase();
  }

  /**
   * Stores where to post: the reference of this turn, pointed at the channel itself rather than the thread the
   * turn came from, so each request starts its own thread.
   */
  async register(context: TurnContext, at: Date, registeredBy?: string): Promise<void> {
    if (!this.conversationId) return;
    const reference = Turn.getConversationReference(context.activity);
    const conversation = { ...reference.conversation, id: channelPartOf(reference.conversation?.id ?? this.conversationId) } as ConversationReference['conversation'];
    const document: ChannelDocument = {
      conversationId: channelPartOf(this.conversationId),
      reference: { ...reference, conversation, activityId: undefined },
      registeredAt: at.toISOString(),
      ...(registeredBy ? { registeredBy } : {}),
      // Last writer wins: two registrations of one channel store the same reference.
      eTag: '*',
    };
    await this.store.write({ [KEY]: document as unknown as Record<string, unknown> });
  }

  /** The stored reference, when the bot has been told about the configured channel (and it is still the one configured). */
  async reference(): Promise<Partial<ConversationReference> | undefined> {
    if (!this.conversationId) return undefined;
    const document = await this.read();
    if (!document || document.conversationId.toLowerCase() !== channelPartOf(this.conversationId).toLowerCase()) return undefined;
    return document.reference;
  }

  private async read(): Promise<ChannelDocument | undefined> {
    const items = await this.store.read([KEY]);
    return items[KEY] as unknown as ChannelDocument | undefined;
  }
}
