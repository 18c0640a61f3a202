import { startInProcessLede } from './in-process.ts';
import { databaseUrl } from './database.ts';
const gateway: any = await startInProcessLede(databaseUrl(process.env.DATABASE_URL as string, 'lede_bench_s'));
const plugins: any[] = gateway.yoga.plugins;
const perRequest = ['onRequest', 'onRequestParse', 'onParams', 'onContextBuilding', 'onExecute', 'onResultProcess', 'onResponse'];
plugins.forEach((p, i) => {
  const hooks = Object.keys(p).filter((k) => perRequest.includes(k) || k === 'instrumentation');
  if (!hooks.length) return;
  const fn = p[hooks[0] as string];
  const src = typeof fn === 'function' ? fn.toString().replace(/\s+/g, ' ').slice(0, 110) : JSON.stringify(Object.keys(fn));
  console.log(i, hooks.join(','), '|', src);
});
process.exit(0);
