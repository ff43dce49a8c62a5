// Live updates for a citizen's pages (GET /api/v1/events, with the session cookie): the unread
// badge in the menu follows the inbox, the first page of the inbox puts a new message on top of
// its list, and the page of a status check shows its answer as soon as it lands. Without JavaScript (or EventSource) the pages stay as the server rendered them.
'use strict';
(() => {
  if (!('EventSource' in window)) return;

  /** "1 nowa wiadomość", "3 nowe wiadomości", "5 nowych wiadomości" (as the server writes it). */
  function unreadLabel(n) {
    const lastTwo = n % 100;
    const last = n % 10;
    const form = n === 1 ? 'nowa wiadomość' : last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14) ? 'nowe wiadomości' : 'nowych wiadomości';
    return `${n} ${form}`;
  }

  function showUnread(n) {
    const link = document.querySelector('.site-nav a[href="/skrzynka"]');
    if (!link) return;
    let badge = link.querySelector('.badge');
    if (n === 0) {
      badge?.remove();
      return;
    }
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'badge';
      link.append(' ', badge);
    }
    badge.textContent = unreadLabel(n);
  }

  const answer = document.querySelector('[data-live-answer]');
  function showAnswer(message) {
    if (!answer || message.requestId !== answer.dataset.liveAnswer || answer.querySelector('a')) return;
    const p = document.createElement('p');
    const link = document.createElement('a');
    link.href = `/skrzynka/${encodeURIComponent(message.id)}`;
    link.textContent = message.subject;
    p.append('Odpowiedź jest w skrzynce: ', link);
    answer.append(p);
  }

  // The first page of the inbox (skrzynka.hbs): a new message goes on top, drawn as the server
  // draws its rows, and the polite region says it arrived; the page keeps its length.
  const inbox = document.querySelector('[data-live-inbox]');
  const inboxNotice = document.querySelector('[data-live-inbox-notice]');
  const receivedAt = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', dateStyle: 'long', timeStyle: 'short' });
  function showInInbox(message) {
    if (!inbox) return;
    const href = `/skrzynka/${encodeURIComponent(message.id)}`;
    // A reconnect replays the unread messages after the last one heard: some may be listed already.
    if ([...inbox.querySelectorAll('a')].some((a) => a.getAttribute('href') === href)) return;
    const row = document.createElement('tr');
    row.className = 'unread';
    const subject = document.createElement('td');
    const link = document.createElement('a');
    link.href = href;
    link.textContent = message.subject;
    subject.append(link);
    const received = document.createElement('td');
    const time = document.createElement('time');
    time.dateTime = message.createdAt;
    time.textContent = receivedAt.format(new Date(message.createdAt));
    received.append(time);
    const state = document.createElement('td');
    const tag = document.createElement('span');
    tag.className = 'tag tag--new';
    tag.textContent = 'Nowa';
    state.append(tag);
    row.append(subject, received, state);
    inbox.prepend(row);
    const pageSize = Number(inbox.dataset.liveInbox);
    while (pageSize > 0 && inbox.rows.length > pageSize) inbox.rows[inbox.rows.length - 1].remove();
    const total = document.querySelector('[data-live-inbox-total]');
    if (total) total.textContent = String(Number(total.textContent) + 1);
    // An inbox that was empty shows its list now.
    document.querySelector('[data-live-inbox-empty]')?.remove();
    for (const hidden of document.querySelectorAll('[data-live-inbox-counts], [data-live-inbox-list]')) hidden.hidden = false;
    if (inboxNotice) inboxNotice.textContent = `Nowa wiadomość w skrzynce: ${message.subject}`;
  }

  function showInboxUnread(n) {
    const unread = document.querySelector('[data-live-inbox-unread]');
    if (unread) unread.textContent = String(n);
  }

  // The answer may have landed between this page being drawn and the stream opening: the first
  // count tells (it is higher than the page was drawn with), and a reload shows the answer.
  let first = true;
  function checkMissedAnswer(n) {
    const drawnWith = Number(answer?.dataset.unreadAtRender);
    if (first && answer && !answer.querySelector('a') && Number.isFinite(drawnWith) && n > drawnWith) window.location.reload();
    first = false;
  }

  const events = new EventSource('/api/v1/events');
  events.addEventListener('unread', (e) => {
    const { unread } = JSON.parse(e.data);
    showUnread(unread);
    showInboxUnread(unread);
    checkMissedAnswer(unread);
  });
  events.addEventListener('message', (e) => {
    const message = JSON.parse(e.data);
    showAnswer(message);
    showInInbox(message);
  });
  // Leaving the page: close the stream at once rather than when the browser gets to it.
  window.addEventListener('pagehide', () => events.close());
})();
