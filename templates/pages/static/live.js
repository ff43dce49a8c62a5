// Live updates for a citizen's pages (GET /api/v1/events, with the session cookie): the unread
// badge in the menu follows the inbox, and the page of a status check shows its answer as soon
// as it lands. Without JavaScript (or EventSource) the pages stay as the server rendered them.
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
    checkMissedAnswer(unread);
  });
  events.addEventListener('message', (e) => showAnswer(JSON.parse(e.data)));
  // Leaving the page: close the stream at once rather than when the browser gets to it.
  window.addEventListener('pagehide', () => events.close());
})();
