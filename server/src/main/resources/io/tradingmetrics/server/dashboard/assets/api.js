// The server's HTTP API as the page uses it (server/HTTP-API.md). Each call returns the parsed JSON body or throws
// an Error whose message is the server's one-line {"error", "hint"}.

export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== '') query.append(key, one);
    }
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const hint = body.hint ? ` (${body.hint})` : '';
    throw new Error(`${url}: ${body.error || response.status + ' ' + response.statusText}${hint}`);
  }
  return body;
}

/** @return every series' latest point: [{metric, symbol, value, labels, time, timeMs}] */
export async function latestPoints() {
  return (await getJson('/api/metrics/current')).points;
}

/** @return buckets [{time, timeMs, symbol, value, count}] of one metric, one series per symbol */
export async function aggregate({ metric, from, to, interval, aggregation }) {
  const body = await getJson('/api/metrics/aggregate',
    { metric, from, to, interval, aggregation, bySymbol: true, gapFill: 'none' });
  return body.buckets;
}

/** @return candles [{symbol, time, timeMs, open, high, low, close, volume}] of one symbol */
export async function candles({ source, metric, symbol, from, to, interval }) {
  const body = source === 'stored'
    ? await getJson('/api/candles/rollup', { symbol, from, to, interval })
    : await getJson('/api/candles/from-metrics', { price: metric, symbol, from, to, interval });
  return body.candles;
}

export async function tableStats() {
  return getJson('/api/stats');
}

export async function health() {
  return getJson('/health').catch(error => ({ status: 'unhealthy', error: error.message }));
}

/** A number as the API sends it: a JSON number, or "NaN" / "Infinity" / "-Infinity" as strings. */
export function toNumber(value) {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}
