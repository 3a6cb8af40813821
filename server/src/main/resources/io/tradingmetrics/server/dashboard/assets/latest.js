// The latest-values table, kept current by the server's Server-Sent Events at /api/live: the first event holds
// every series, each later one only the series whose latest point changed.

const rows = new Map(); // "metric\u0000symbol" -> point

function key(point) {
  return `${point.metric}\u0000${point.symbol ?? ''}`;
}

export function formatValue(value) {
  if (typeof value !== 'number') return String(value); // "NaN", "Infinity", "-Infinity"
  return Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3)
    ? value.toExponential(4) : value.toLocaleString('en', { maximumFractionDigits: 6 });
}

export function formatTime(time) {
  return time ? time.replace('T', ' ').replace('Z', '') : '';
}

function render(table, filter, changed) {
  const body = table.tBodies[0];
  const needle = filter.value.trim().toLowerCase();
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fragment = document.createDocumentFragment();
  for (const [id, point] of sorted) {
    const text = `${point.metric} ${point.symbol ?? ''}`.toLowerCase();
    if (needle && !text.includes(needle)) continue;
    const tr = document.createElement('tr');
    tr.dataset.series = id.replace('\u0000', '|');
    if (changed.has(id)) tr.className = 'changed';
    for (const [cell, cls] of [[point.metric], [point.symbol ?? ''], [formatValue(point.value), 'num'],
      [formatTime(point.time)]]) {
      const td = document.createElement('td');
      td.textContent = cell;
      if (cls) td.className = cls;
      tr.append(td);
    }
    fragment.append(tr);
  }
  body.replaceChildren(fragment);
}

/**
 * Fills the table and keeps it live. onPoints hears every batch of points (the page uses the first one to fill its
 * metric and symbol choices). EventSource reconnects by itself after a dropped connection; a refused one (the
 * server at its client limit: 503) is retried every 10 s.
 */
export function startLiveTable(table, filter, status, onPoints) {
  let source;
  const setStatus = (text, cls) => {
    status.textContent = text;
    status.className = `badge ${cls}`;
  };
  const apply = (points, replaceAll) => {
    if (replaceAll) rows.clear();
    const changed = new Set();
    for (const point of points) {
      rows.set(key(point), point);
      changed.add(key(point));
    }
    render(table, filter, replaceAll ? new Set() : changed);
    onPoints(points);
  };
  const connect = () => {
    source = new EventSource('/api/live');
    source.addEventListener('snapshot', event => {
      apply(JSON.parse(event.data).points, true);
      setStatus('live', 'ok');
    });
    source.addEventListener('changes', event => apply(JSON.parse(event.data).points, false));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('live: refused, retrying in 10 s', 'bad');
        setTimeout(connect, 10_000);
      } else {
        setStatus('live: reconnecting', 'bad');
      }
    };
  };
  filter.addEventListener('input', () => render(table, filter, new Set()));
  connect();
  return () => source.close();
}

export function latestPoints() {
  return [...rows.values()];
}
