// The table sizes from /api/stats.
import { tableStats } from './api.js';
import { formatTime } from './latest.js';

function bytes(value) {
  if (value === undefined || value === null) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export async function showStats(table) {
  const { tables } = await tableStats();
  const body = table.tBodies[0];
  body.replaceChildren(...tables.map(stats => {
    const tr = document.createElement('tr');
    for (const [text, cls] of [[stats.table], [stats.rowCount.toLocaleString('en'), 'num'],
      [formatTime(stats.minTime)], [formatTime(stats.maxTime)], [bytes(stats.bytesOnDisk), 'num']]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }));
}
