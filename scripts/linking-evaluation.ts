// Prints the linker's scores on a labelled folder: `npx tsx scripts/linking-evaluation.ts tests/fixtures/linking`
// (add --details for every false positive and miss; --except a.json,b.json leaves those articles out).
import { pathToFileURL } from 'node:url';
import { evaluateLinker, evaluationRows } from '../tests/support/linking-evaluation.ts';

const [folderArgument = 'tests/fixtures/linking'] = process.argv
  .slice(2)
  .filter((argument, index, all) => !argument.startsWith('--') && all[index - 1] !== '--except');
const folder = pathToFileURL(`${folderArgument.replace(/\/?$/, '/')}`);
const exceptIndex = process.argv.indexOf('--except');
const except = exceptIndex > 0 ? (process.argv[exceptIndex + 1] ?? '').split(',') : [];
const evaluation = evaluateLinker(folder, except);
console.log(`Entity linker on ${folderArgument}: ${evaluation.articles} articles (micro-averaged)`);
console.table(evaluationRows(evaluation));
if (process.argv.includes('--details')) {
  for (const [kind, score] of Object.entries(evaluation)) {
    if (typeof score !== 'object' || !('falsePositives' in score)) continue;
    for (const item of score.falsePositives) console.log(`false positive, ${kind}: ${item}`);
    for (const item of score.misses) console.log(`missed, ${kind}: ${item}`);
  }
  for (const item of evaluation.descriptions.wrong) console.log(`description: ${item}`);
}
