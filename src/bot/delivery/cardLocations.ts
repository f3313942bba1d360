/**
 * Where each approval request's cards were posted (conversation reference + activity id) and which version of the
 * request each copy shows, kept in the shared store so any instance can update a card another one posted. A request
 * whose copies are behind is marked due (`defender/cards-due/<id>`) until every copy shows its latest version, so the
 * sweeper can find and finish what a throttled or failed update left behind without reading every request.
 */
import type { ConversationReference } from 'botbuilder';
import { isConcurrencyConflict, KeyValueStore } from '../../core/keyValueStore';

const KEY_PREFIX = 'defender/cards/';
const DUE_PREFIX = 'defender/cards-due/';
const MAX_ATTEMPTS = 20;

export interface CardLocation {
  reference: Partial<ConversationReference>;
  activityId: string;
  /** The request version this copy last showed (absent: unknown, e.g. posted by an earlier version of the bot). */
  publishedVersion?: number;
}

interface CardsDocument {
  locations: CardLocation[];
  /** Teams user ids (MRIs, 29:…) seen acting on this request, for the card's refresh list. */
  userMris: string[];
  eTag?: string;
}

export class CardLocations {
  constructor(private readonly store: KeyValueStore) {}

  async get(requestId: string): Promise<CardsDocument> {
    const items = await this.store.read([KEY_PREFIX + requestId]);
    const document = items[KEY_PREFIX + requestId] as unknown as CardsDocument | undefined;
    return document ?? { locations: [], userMris: [] };
  }

  async addLocation(requestId: string, location: CardLocation): Promise<void> {
    await this.update(requestId, (document) => {
      if (!document.locations.some((known) => known.activityId === location.activityId)) document.locations.push(location);
    });
  }

  async addUserMri(requestId: string, mri: unknown): Promise<void> {
    if (typeof mri !== 'string' || mri === '') return;
    const current = await this.get(requestId);
    if (current.userMris.includes(mri)) return;
    await this.update(requestId, (document) => {
      if (!document.userMris.includes(mri)) document.userMris.push(mri);
    });
  }

  /** Records that the copy `activityId` now shows `version` (never lowers it: updates may finish out of order). */
  async markPublished(requestId: string, activityId: string, version: number): Promise<void> {
    await this.update(requestId, (document) => {
      const location = document.locations.find((known) => known.activityId === activityId);
      if (location) location.publishedVersion = Math.max(location.publishedVersion ?? 0, version);
    });
  }

  async markDue(requestId: string): Promise<void> {
    await this.store.createIfAbsent(DUE_PREFIX + requestId, { requestId });
  }

  async clearDue(requestId: string): Promise<void> {
    await this.store.delete([DUE_PREFIX + requestId]);
  }

  async listDue(): Promise<string[]> {
    return (await this.store.listKeys(DUE_PREFIX)).map((key) => key.slice(DUE_PREFIX.length));
  }

  /** Read-modify-write with the store's eTag, retried on conflict: two instances may post cards at once. */
  private async update(requestId: string, change: (document: CardsDocument) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const document = await this.get(requestId);
      const eTag = document.eTag;
      change(document);
      const { eTag: _read, ...content } = document;
      try {
        // A first write creates only if no one else did meanwhile; later ones replace only what was read.
        const written = eTag
          ? await this.store.write({ [KEY_PREFIX + requestId]: { ...content, eTag } }).then(() => true)
          : await this.store.createIfAbsent(KEY_PREFIX + requestId, content);
        if (written) return;
      } catch (error) {
        if (!isConcurrencyConflict(error)) throw error;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`StoreContention: the card locations of ${requestId} kept changing during ${MAX_ATTEMPTS} attempts; try again.`);
    }
  }
}
