// The live dashboard: the server sends "changed" (with the event's feed position) over server-sent
// events whenever the event's feed moves; the panel is then fetched again as HTML (with the viewer's
// own rights) and swapped in. A quiet timer also refreshes it, so doors' last contact stays current
// without pushes. During a reconnect storm the feed moves many times a second: the panel is fetched
// at most once per MIN_GAP_MS, and again until it shows the last position announced (the server
// shares one recent panel among everyone watching, so the one it sends may be a moment old; ADR 0246).
const panel = document.getElementById('panel');
const state = document.getElementById('live-state');
const REFRESH_MS = 15000;
const MIN_GAP_MS = 2000;
let shown = Number(panel.dataset.seq) || 0;
let announced = shown;
let forced = false;
let fetching = false;
let due = null;
let lastStart = 0;

function want() {
  if (fetching || due !== null) {
    return; // the fetch running or due looks again when it ends
  }
  due = setTimeout(() => {
    due = null;
    refresh();
  }, Math.max(0, lastStart + MIN_GAP_MS - Date.now()));
}

async function refresh() {
  fetching = true;
  forced = false;
  lastStart = Date.now();
  try {
    const response = await fetch(panel.dataset.panel, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } });
    if (response.status === 401) {
      window.location.assign('/console/login');
      return;
    }
    if (response.ok) {
      panel.innerHTML = await response.text();
      const seq = Number(response.headers.get('X-Lanyard-Seq'));
      if (Number.isFinite(seq)) {
        shown = seq;
      }
    }
  } catch (e) {
    // offline for a moment: the stream's error shows it, and the next change or the timer asks again
  } finally {
    fetching = false;
  }
  if (shown < announced || forced) {
    want();
  }
}

function show(live) {
  state.dataset.state = live ? 'live' : 'offline';
  state.textContent = live ? panel.dataset.live : panel.dataset.offline;
}

function lookAgain() {
  forced = true;
  want();
}

const stream = new EventSource(panel.dataset.stream);
stream.addEventListener('ready', () => { show(true); lookAgain(); });
stream.addEventListener('changed', (e) => {
  const seq = Number(e.data);
  if (seq > 0) {
    announced = Math.max(announced, seq);
    if (announced > shown) {
      want();
    }
  } else {
    lookAgain(); // a door revoked: no feed position, but the panel changed
  }
});
stream.onerror = () => show(false);
setInterval(lookAgain, REFRESH_MS);
