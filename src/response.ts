import type { Category } from './lib/category.js';

/** The device class, from viewport width and pointer type (never the user agent). */
export type Device = 'mobile' | 'tablet' | 'desktop';

/**
 * One anonymised answer, exactly as it goes over the wire. Every field is on
 * an allowlist (docs/privacy.md); nothing else is ever sent.
 */
export interface NpsResponse {
  /** Random UUID v4 (not v7: its clock would leak time); the server dedupes by it. */
  id: string;
  survey: string;
  /** 0–10, whole. */
  score: number;
  /** Free text after PII redaction, at most 1,000 characters. */
  comment?: string;
  category: Category;
  /** Language only, lower case: "pt", not "pt-BR". */
  locale: string;
  /** Path only (no query, no fragment), id-like segments replaced by ":id". */
  page: string;
  device: Device;
  /** The hour the answer was given, UTC, e.g. "2026-11-22T22:00:00Z". */
  at: string;
  /** Version of the consent text the person agreed to. */
  consentVersion: string;
  /** Cohort values from the config, e.g. { plan: "pro" }. */
  segment?: Record<string, string>;
  /** Candor version that built the answer. */
  sdk: string;
  /**
   * SHA-256 (lower-case hex) of the random deletion secret only this device
   * keeps, when withdrawing is on: the endpoint stores this and deletes the
   * answer for whoever shows the secret. Says nothing about the person.
   */
  proof?: string;
}

/** The body POSTed to an endpoint. */
export interface Batch {
  v: 1;
  responses: NpsResponse[];
}
