import { parentPort } from 'worker_threads';
import { lintDocument, parseDocument } from '../server/src/engine/engine';

parentPort!.on('message', (m: { files: string[] }) => {
  const t0 = process.hrtime.bigint();
  for (const f of m.files) lintDocument(parseDocument('dockerfile', f));
  parentPort!.postMessage({ ms: Number(process.hrtime.bigint() - t0) / 1e6 });
});
