import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { projectRoot } from './peers.ts';
type Node = { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };
const profile = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const bundle = path.join(projectRoot, 'dist', 'server.js');
const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
function placeOf(frame: Node['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(v8)';
  let source = frame.url;
  let line = frame.lineNumber;
  if (frame.url.endsWith('/work/main/dist/server.js') || /\/dist\/[^/]*\.js$/.test(frame.url) && !frame.url.includes('node_modules')) { const e = map.findEntry(frame.lineNumber, frame.columnNumber) as any; if (e && e.originalSource) { source = e.originalSource; line = e.originalLine; } }
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(source);
  if (m) return `${m[1]}/${path.basename(m[2] as string)}`;
  if (source.startsWith('node:')) return source;
  return `${source.replace(/^.*?\/src\//, 'src/')}:${line + 1}`;
}
const parent = new Map<number, number>();
const byId = new Map<number, Node>();
for (const n of profile.nodes) { byId.set(n.id, n); for (const c of n.children ?? []) parent.set(c, n.id); }
const label = new Map<number, string>();
for (const n of profile.nodes) label.set(n.id, `${n.callFrame.functionName || '(anon)'} ${placeOf(n.callFrame)}`);
const incl = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  if (byId.get(id)?.callFrame.functionName === '(idle)') return;
  busy += ms;
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const l = label.get(x) as string;
    if (!seen.has(l)) { seen.add(l); incl.set(l, (incl.get(l) ?? 0) + ms); }
  }
});
const filter = process.argv[3] ? new RegExp(process.argv[3]) : undefined;
[...incl.entries()].filter(([l]) => !filter || filter.test(l)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 60))
  .forEach(([l, ms]) => console.log(`${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${l}`));
