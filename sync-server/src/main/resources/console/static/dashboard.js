// The live dashboard: the server sends "changed" (with the event's feed position) over server-sent
// events whenever the event's feed moves; the panel is then fetched again as HTML (with the viewer's
// own rights) and swapped in. A quiet timer also refreshes it, so doors' last contact stays current
// without pushes. During a reconnect storm the feed moves many times a second: the panel is fetched
// at most once per MIN_GAP_MS, and again until it shows the last position announced (the server
// shares one recent panel among everyone watching, so the one it sends may be a moment old; ADR 0246).
// The stream's "ready" names the position as it opens, so changes made while it was away are waited
// for too; a revoked door (announced as 0) makes the server drop its recent panels.
const panel = document.getElementById('panel');
const state = document.getElementById('live-state');
const REFRESH_MS = 15000;
const MIN_GAP_MS = 2000;
const FETCH_TIMEOUT_MS = 30000;
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
    // AbortController rather than AbortSignal.timeout, which older browsers lack (the fetch would throw every time)
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(panel.dataset.panel, {
        credentials: 'same-origin',
        headers: { 'HX-Request': 'true' },
        signal: abort.signal,
      });
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 401) {
      window.location.assign('/console/login');
      return;
    }
    if (response.status === 403 || response.status === 404) {
      window.location.reload(); // the event or the right to see it is gone: the page says which
      return;
    }
    if (response.ok) {
      panel.innerHTML = await response.text();
      const seq = response.headers.get('X-Lanyard-Seq');
      if (seq !== null && Number.isFinite(Number(seq))) {
        shown = Number(seq);
      }
    }
  } catch (e) {
    // offline or timed out for a moment: the stream's error shows it, and the next change or the timer asks again
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

function announce(seq) {
  announced = Math.max(announced, seq);
  if (announced > shown) {
    want();
  }
}

const stream = new EventSource(panel.dataset.stream);
stream.addEventListener('ready', (e) => {
  show(true);
  announce(Number(e.data) || 0);
  lookAgain(); // doors' contact and pending counts move without the feed
});
stream.addEventListener('changed', (e) => {
  const seq = Number(e.data);
  if (seq > 0) {
    announce(seq);
  } else {
    lookAgain(); // a door revoked: no feed position, but the panel changed
  }
});
stream.onerror = () => show(false);
setInterval(lookAgain, REFRESH_MS);
