import type { InsertResult } from './types.js';

/** How many records of one kind came, how many were stored, and how many a tombstone kept out. */
export interface Counted {
  came: number;
  stored: number;
  resent: number;
}

/**
 * `insert`'s result, the same on both databases: whatever was not stored is a
 * duplicate (a tombstoned record included); `contacts` only when the batch
 * had some, `resent` only when a tombstone kept something out.
 */
export function insertResult(answers: Counted, contacts: Counted): InsertResult {
  return {
    stored: answers.stored,
    duplicates: answers.came - answers.stored,
    ...(contacts.came > 0 && { contacts: { stored: contacts.stored, duplicates: contacts.came - contacts.stored } }),
    ...(answers.resent + contacts.resent > 0 && { resent: { answers: answers.resent, contacts: contacts.resent } }),
  };
}
