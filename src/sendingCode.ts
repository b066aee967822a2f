/**
 * The code that sends (src/sending.ts: the flusher and the transports): imported once an outbox
 * holds something to send, so a bundler makes it a chunk of its own, kept out of what a prompt
 * needs before it is painted. Once loaded, a flush starts in the same task.
 */
type SendingCode = typeof import('./sending.js');
let sendingCode: Promise<SendingCode> | undefined;
let loaded: SendingCode | undefined;
export const loadSending = () =>
  (sendingCode ??= import('./sending.js').then(
    (code) => (loaded = code),
    (error: unknown) => {
      sendingCode = undefined; // a later flush tries again
      throw error;
    },
  ));

/** The code that sends, once it has arrived (a flush can then start in the same task). */
export const sendingLoaded = () => loaded;
