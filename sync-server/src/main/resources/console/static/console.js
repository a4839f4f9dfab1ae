// Behaviour shared by every console page. Loaded as a module from the server itself: the
// Content-Security-Policy allows no inline script.

// forms that destroy something ask first (data-confirm holds the question)
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
