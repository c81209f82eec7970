// The example documentation page's side of the playground's postMessage API (README,
// "Embedding"). Commands go to the frame; events come back and are listed as plain text.
const frame = document.getElementById('playground');
const events = document.getElementById('events');
// The playground is served from this page's origin here; use the playground's origin otherwise.
const playgroundOrigin = new URL(frame.src, location.href).origin;

for (const button of document.querySelectorAll('button[data-command]')) {
  button.addEventListener('click', () => {
    const message = { raftPlayground: 1, ...JSON.parse(button.dataset.command) };
    frame.contentWindow.postMessage(message, playgroundOrigin);
  });
}

window.addEventListener('message', (event) => {
  // Only the frame, from its origin, and only messages of the playground's protocol.
  if (event.source !== frame.contentWindow || event.origin !== playgroundOrigin) return;
  const data = event.data;
  if (!data || data.raftPlayground !== 1 || typeof data.event !== 'string') return;
  const item = document.createElement('li');
  item.dataset.event = data.event;
  const { raftPlayground, event: kind, ...fields } = data;
  item.textContent = `${kind} ${JSON.stringify(fields)}`; // text, never HTML
  events.prepend(item);
});
