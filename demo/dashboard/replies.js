// "Wants a reply": the answers whose authors left an e-mail address so the
// team can answer them. The list holds no address: each one is fetched only
// when the admin presses "Show address", shown as text (never markup), and
// dropped from the page again by "Hide address". "Replied — delete contact"
// deletes the contact on the collector at once.
import { deleteContact, revealContact, storedToken } from './api.js';
import { formatDay } from './format.js';
import { answerMeta, el } from './view.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * A mailto: link for `email`. Each side is percent-encoded, so characters an
 * address may hold (`?`, `&`, `=`, `#`, `%`) stay part of the address instead
 * of adding a subject, a body or a second recipient.
 */
export function mailto(email) {
  const at = email.lastIndexOf('@');
  return `mailto:${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`;
}

/** One answer waiting for a reply, with its badge and its two buttons. */
function replyItem(reply) {
  const { contact } = reply;
  // Focusable from script only: where focus goes when the buttons it had are removed.
  const item = el('li', { class: 'reply', id: `reply-${contact}`, tabindex: '-1' });
  const metaId = `reply-meta-${contact}`;
  const addressId = `reply-address-${contact}`;
  const meta = answerMeta(reply);
  meta.id = metaId;
  meta.append(el('span', {}, `kept until ${formatDay(reply.expiresAt.slice(0, 10))}`));
  const text = reply.comment
    ? el('p', { class: 'reply-text' }, reply.comment)
    : el('p', { class: 'reply-text empty-line' }, 'No comment.');

  const badge = el('span', { class: 'wants-reply' }, 'Wants a reply');
  // Several answers have these buttons: each is described by its answer's score, day and page.
  const reveal = el(
    'button',
    { type: 'button', class: 'secondary', 'aria-controls': addressId, 'aria-describedby': metaId },
    'Show address',
  );
  const done = el(
    'button',
    { type: 'button', class: 'secondary', 'aria-describedby': metaId },
    'Replied — delete contact',
  );
  const actions = el('div', { class: 'reply-actions' });
  actions.append(badge, reveal, done);
  const address = el('p', { class: 'address', id: addressId, hidden: '' });
  const status = el('p', { class: 'contact-status', role: 'status' });
  item.append(text, meta, actions, address, status);

  const hide = () => {
    address.replaceChildren();
    address.hidden = true;
    reveal.textContent = 'Show address';
  };

  /** The contact is gone: no badge, no buttons, here or in the comments; focus stays in the item. */
  const gone = (message) => {
    const hadFocus = item.contains(document.activeElement);
    actions.remove();
    address.remove();
    for (const link of document.querySelectorAll(`.wants-reply[data-contact="${CSS.escape(contact)}"]`)) link.remove();
    item.classList.add('replied');
    status.textContent = message;
    if (hadFocus) item.focus();
  };

  reveal.addEventListener('click', async () => {
    if (!address.hidden) return hide();
    status.textContent = 'Asking the collector…';
    try {
      const email = await revealContact(contact, storedToken());
      address.replaceChildren(
        el('span', { class: 'visually-hidden' }, 'E-mail address: '),
        el('a', { href: mailto(email) }, email),
      );
      address.hidden = false;
      reveal.textContent = 'Hide address';
      status.textContent = 'Address shown.';
    } catch (error) {
      if (error?.status === 404) gone('This contact is no longer kept: deleted, withdrawn or expired.');
      else status.textContent = `The address could not be shown: ${error?.message ?? error}`;
    }
  });

  done.addEventListener('click', async () => {
    status.textContent = 'Deleting the contact…';
    try {
      await deleteContact(contact, storedToken());
      gone('Replied: the contact is deleted.');
    } catch (error) {
      status.textContent = `The contact could not be deleted: ${error?.message ?? error}`;
    }
  });

  return item;
}

/** The answers waiting for a reply, newest first, or the line saying there are none. */
export function renderReplies(replies) {
  $('no-replies').hidden = replies.length > 0;
  $('reply-list').replaceChildren(...replies.map(replyItem));
}
