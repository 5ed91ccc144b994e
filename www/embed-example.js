// The example page's script: sizes the frame to the checker's height, and runs the API demo.
import { check } from './api.js';

const frame = document.getElementById('checker');
window.addEventListener('message', (event) => {
  if (event.source === frame.contentWindow && typeof event.data?.bcfCheckHeight === 'number') {
    frame.height = String(Math.ceil(event.data.bcfCheckHeight) + 20);
  }
});
// The checker reports its height whenever it changes; ask once too, in case its first report
// came before this script was listening.
const ask = () => frame.contentWindow?.postMessage('bcf-check:height?', '*');
frame.addEventListener('load', () => setTimeout(ask, 500));
ask();

const input = document.getElementById('api-file');
const output = document.getElementById('api-result');
input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (!file) return;
  output.textContent = 'Checking…';
  try {
    const report = await check(await file.arrayBuffer(), file.name);
    output.textContent = JSON.stringify(report, null, 2);
  } catch (error) {
    output.textContent = String(error);
  }
});
