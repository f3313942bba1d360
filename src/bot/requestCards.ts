/**
 * Where each approval request's cards were posted (conversation reference + activity id), kept in the shared
 * store so any instance can update a card another one posted. Every change of state re-renders them all.
 */
import type { ConversationReference } from 'botbuilder';
import { isConcurrencyConflict, KeyValueStore } from '../core/approval/store';

const KEY_PREFIX = 'defender/cards/';
const MAX_ATTEMPTS = 20;

export interface CardLocation {
  reference: Partial<ConversationReference>;
  activityId: string;
}

interface CardsDocument {
  locations: CardLocation[];
  /** Teams user ids (MRIs, 29:…) seen acting on this request, for the card's refresh list. */
  userMris: string[];
  eTag?: string;
}

export class RequestCards {
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

  async addUserMri(requestId: string, mri: string | undefined): Promise<void> {
    if (!mri) return;
    const current = await this.get(requestId);
    if (current.userMris.includes(mri)) return;
    await this.update(requestId, (document) => {
      if (!document.userMris.includes(mri)) document.userMris.push(mri);
    });
  }

  /** Read-modify-write with the store's eTag, retried on conflict: two instances may post cards at once. */
  private async update(requestId: string, change: (document: CardsDocument) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const document = await this.get(requestId);
      change(document);
      try {
        await this.store.write({ [KEY_PREFIX + requestId]: { ...document, eTag: document.eTag ?? '*' } });
        return;
      } catch (error) {
        if (!isConcurrencyConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
