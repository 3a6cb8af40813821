// The dashboard page: wires the controls to the charts, the live table and the table stats.
import { aggregate, candles, health } from './api.js';
import { drawCandles, drawLines } from './charts.js';
import { latestPoints, startLiveTable } from './latest.js';
import { showStats } from './stats.js';

const $ = id => document.getElementById(id);
const INTERVALS = [['1s', 1e3], ['1m', 6e4], ['5m', 3e5], ['15m', 9e5], ['1h', 3.6e6], ['4h', 1.44e7], ['1d', 8.64e7]];
const DEFAULT_SYMBOLS = 5;

/** The finest interval that keeps the range within maxBuckets buckets (the server caps buckets per request). */
function autoInterval(rangeMs, maxBuckets, finest = '1s') {
  const usable = INTERVALS.slice(INTERVALS.findIndex(([label]) => label === finest));
  const found = usable.find(([, width]) => rangeMs / width <= maxBuckets);
  return (found ?? usable[usable.length - 1])[0];
}

function setOptions(select, values, selected) {
  const before = new Set(selected);
  select.replaceChildren(...values.map(value => {
    const option = new Option(value || '(no symbol)', value);
    option.selected = before.has(value);
    return option;
  }));
}

function selectedSymbols() {
  return [...$('symbols').selectedOptions].map(option => option.value);
}

/** Fills the metric and symbol choices from the series the live table knows; keeps what the user chose. */
function updateChoices() {
  const points = latestPoints();
  const metrics = [...new Set(points.map(point => point.metric))].sort();
  const metric = $('metric').value || metrics[0];
  setOptions($('metric'), metrics, [metric]);
  const symbols = [...new Set(points.filter(point => point.metric === metric).map(point => point.symbol ?? ''))]
    .sort();
  const chosen = selectedSymbols().filter(symbol => symbols.includes(symbol));
  setOptions($('symbols'), symbols, chosen.length ? chosen : symbols.slice(0, DEFAULT_SYMBOLS));
}

/**
 * The range ends at the newest point of the metric (now, for a store that is being written; the end of the data
 * for an archive), so that a store whose data is old still shows something.
 */
function timeRange(metric, rangeMs) {
  const newest = Math.max(...latestPoints().filter(point => point.metric === metric).map(point => point.timeMs));
  const to = Number.isFinite(newest) ? newest + 1 : Date.now();
  return { from: new Date(to - rangeMs).toISOString(), to: new Date(to).toISOString() };
}

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? error.message : '';
}

async function draw() {
  const metric = $('metric').value;
  if (!metric) {
    drawLines($('line-chart'), [], []);
    return;
  }
  const rangeMs = Number($('range').value);
  const { from, to } = timeRange(metric, rangeMs);
  const chosen = $('interval').value;
  const interval = chosen === 'auto' ? autoInterval(rangeMs, 1000) : chosen;
  const aggregation = $('aggregation').value;
  const symbols = selectedSymbols();
  $('range-note').textContent = `${from} to ${to}, ${interval} buckets`;
  $('line-title').textContent = `${aggregation} of ${metric} per ${interval}`;

  const source = $('candle-source').value;
  const candleSymbol = symbols[0] || undefined;
  const candleInterval = autoInterval(rangeMs, 200, source === 'stored' ? '1m' : '1s');
  $('candle-title').textContent = source === 'stored'
    ? `Stored candles of ${candleSymbol ?? 'every symbol'} per ${candleInterval}`
    : `Candles of ${metric} for ${candleSymbol ?? 'every symbol'} per ${candleInterval}`;
  try {
    const [buckets, bars] = await Promise.all([
      aggregate({ metric, from, to, interval, aggregation }),
      candles({ source, metric, symbol: candleSymbol, from, to, interval: candleInterval }),
    ]);
    drawLines($('line-chart'), buckets, symbols);
    drawCandles($('candle-chart'), bars);
    showError(null);
  } catch (error) {
    showError(error);
  }
  showStats($('stats')).catch(showError);
}

async function start() {
  const status = await health();
  $('store').textContent = [status.backend, status.store].filter(Boolean).join(': ');
  let first = true;
  startLiveTable($('latest'), $('latest-filter'), $('live-status'), () => {
    updateChoices();
    if (first) {
      first = false;
      draw();
    }
  });
  $('metric').addEventListener('change', () => {
    setOptions($('symbols'), [], []);
    updateChoices();
    draw();
  });
  $('controls').addEventListener('submit', event => {
    event.preventDefault();
    draw();
  });
  for (const id of ['symbols', 'range', 'interval', 'aggregation', 'candle-source']) {
    $(id).addEventListener('change', draw);
  }
  showStats($('stats')).catch(showError);
}

start();
