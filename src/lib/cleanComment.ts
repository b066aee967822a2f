import { redact } from '../redact.js';
import { cut } from './cut.js';

/**
 * A comment as it may be stored: control characters other than tab, LF and
 * CR removed (the wire format refuses them, and left in they could split an
 * e-mail address the redactor would otherwise see), personal data redacted,
 * and at most 1,000 characters — redaction can lengthen it. The widget runs
 * it before storing an answer; the collector runs it again on what it
 * receives, so what the widget built comes out unchanged.
 */
export const cleanComment = (text: string): string => cut(redact(text.replace(/[\0-\b\v\f\x0e-\x1f\x7f]/g, '')), 1000);
