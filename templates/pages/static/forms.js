// One-shot forms (data-once): the first press of the button sends the form, a second press
// (a double click) does nothing. The server also refuses a repeat; this keeps the page that
// answers the first press (e.g. a new access key, shown once) on the screen.
'use strict';
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) return;
  if (form.dataset.sent === 'tak') {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'tak';
  for (const button of form.querySelectorAll('button[type="submit"]')) button.setAttribute('aria-disabled', 'true');
});
// Back to a page kept by the browser: its form may be sent again on purpose.
window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-once]')) {
    delete form.dataset.sent;
    for (const button of form.querySelectorAll('button[type="submit"]')) button.removeAttribute('aria-disabled');
  }
});
