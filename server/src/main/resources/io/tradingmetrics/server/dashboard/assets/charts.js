// The two charts, drawn with uPlot (served from its WebJar). Times are epoch milliseconds (ms: 1).
import uPlot from '/assets/uplot/uPlot.esm.js';
import { toNumber } from './api.js';

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf'];

function size(element) {
  return { width: Math.max(320, element.clientWidth), height: 300 };
}

function replace(element, chart) {
  if (element.chart) element.chart.destroy();
  element.chart = chart;
  return chart;
}

function showEmpty(element, text) {
  if (element.chart) element.chart.destroy();
  element.chart = null;
  element.innerHTML = '';
  const note = document.createElement('p');
  note.className = 'empty muted';
  note.textContent = text;
  element.append(note);
}

/**
 * One line per symbol. The buckets of different symbols may start at different times: the x axis is the union
 * of their starts, and a symbol without a bucket there has a gap (null).
 */
export function drawLines(element, buckets, symbols) {
  const bySymbol = new Map(symbols.map(symbol => [symbol, new Map()]));
  const times = new Set();
  for (const bucket of buckets) {
    const key = bucket.symbol ?? '';
    if (!bySymbol.has(key)) continue;
    bySymbol.get(key).set(bucket.timeMs, toNumber(bucket.value));
    times.add(bucket.timeMs);
  }
  if (times.size === 0) {
    showEmpty(element, 'No points in this range.');
    return null;
  }
  const xs = [...times].sort((a, b) => a - b);
  const data = [xs, ...[...bySymbol.values()].map(values => xs.map(x => values.get(x) ?? null))];
  const series = [{}, ...[...bySymbol.keys()].map((symbol, i) => ({
    label: symbol || '(no symbol)', stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false,
  }))];
  element.innerHTML = '';
  return replace(element, new uPlot({ ...size(element), ms: 1, series, scales: { x: { time: true } } },
    data, element));
}

/** Draws each candle as a wick (low to high) and a body (open to close), green up and red down. */
function candleHook(u) {
  const [xs, opens, highs, lows, closes] = u.data;
  const ctx = u.ctx;
  const step = xs.length > 1 ? u.valToPos(xs[1], 'x', true) - u.valToPos(xs[0], 'x', true) : 20;
  const bodyWidth = Math.max(1, Math.min(24, Math.floor(step * 0.7)));
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  for (let i = 0; i < xs.length; i++) {
    if (opens[i] === null || closes[i] === null) continue;
    const x = Math.round(u.valToPos(xs[i], 'x', true));
    const top = u.valToPos(Math.max(opens[i], closes[i]), 'y', true);
    const bottom = u.valToPos(Math.min(opens[i], closes[i]), 'y', true);
    const colour = closes[i] >= opens[i] ? '#2ca02c' : '#d62728';
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.moveTo(x + 0.5, u.valToPos(highs[i], 'y', true));
    ctx.lineTo(x + 0.5, u.valToPos(lows[i], 'y', true));
    ctx.stroke();
    ctx.fillRect(x - Math.floor(bodyWidth / 2), top, bodyWidth, Math.max(1, bottom - top));
  }
  ctx.restore();
}

export function drawCandles(element, candles) {
  if (candles.length === 0) {
    showEmpty(element, 'No candles in this range.');
    return null;
  }
  const field = name => candles.map(candle => toNumber(candle[name]));
  const data = [candles.map(candle => candle.timeMs), field('open'), field('high'), field('low'), field('close')];
  // The four price series only set the y scale and the legend; the hook draws them.
  const hidden = label => ({ label, paths: () => null, points: { show: false } });
  const series = [{}, hidden('open'), hidden('high'), hidden('low'), hidden('close')];
  element.innerHTML = '';
  return replace(element, new uPlot({
    ...size(element), ms: 1, series, scales: { x: { time: true } }, hooks: { draw: [candleHook] },
  }, data, element));
}
