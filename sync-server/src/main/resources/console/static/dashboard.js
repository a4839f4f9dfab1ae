// The live dashboard: the server sends "changed" over server-sent events whenever the event's
// feed moves; the panel is then fetched again as HTML (with the viewer's own rights) and swapped
// in. A quiet timer also refreshes it, so doors' last contact stays current without pushes.
const panel = document.getElementById('panel');
const state = document.getElementById('live-state');
const REFRESH_MS = 15000;
let fetching = false;
let again = false;

async function refresh() {
  if (fetching) {
    again = true;
    return;
  }
  fetching = true;
  try {
    const response = await fetch(panel.dataset.panel, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } });
    if (response.status === 401) {
      window.location.assign('/console/login');
      return;
    }
    if (response.ok) {
      panel.innerHTML = await response.text();
    }
  } finally {
    fetching = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

function show(live) {
  state.dataset.state = live ? 'live' : 'offline';
  state.textContent = live ? panel.dataset.live : panel.dataset.offline;
}

const stream = new EventSource(panel.dataset.stream);
stream.addEventListener('ready', () => { show(true); refresh(); });
stream.addEventListener('changed', refresh);
stream.onerror = () => show(false);
setInterval(refresh, REFRESH_MS);
