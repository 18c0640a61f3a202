// Scores the entity linker on a folder of hand-labelled articles (tests/fixtures/linking for
// development, the folder in tests/linker-blind.test.ts for the blind set, when one is present): precision and recall per kind of
// entity, mention counts, and the false positives and misses behind the figures.
import { readdirSync, readFileSync } from 'node:fs';
import { type KnownEntity, type LinkResult, linkEntities } from '../../src/content/linker/index.ts';

type ExpectedKnown = { id: number; mentions: number };
type ExpectedNew = { name: string; mentions?: number; description?: string };
export type LabelledArticle = {
  headline: string;
  paragraphs: string[];
  known?: { people?: KnownEntity[]; organizations?: KnownEntity[] };
  expected: {
    people: ExpectedKnown[];
    organizations: ExpectedKnown[];
    newPeople: ExpectedNew[];
    newOrganizations: ExpectedNew[];
  };
};

export type Tally = { truePositives: number; predicted: number; expected: number };
const emptyTally = (): Tally => ({ truePositives: 0, predicted: 0, expected: 0 });
export const precision = (tally: Tally) => (tally.predicted === 0 ? 1 : tally.truePositives / tally.predicted);
export const recall = (tally: Tally) => (tally.expected === 0 ? 1 : tally.truePositives / tally.expected);

/** One kind of entity: which entities were found, and how many of their mentions. */
export type KindScore = { entities: Tally; mentions: Tally; falsePositives: string[]; misses: string[] };
const emptyKind = (): KindScore => ({ entities: emptyTally(), mentions: emptyTally(), falsePositives: [], misses: [] });

export type Evaluation = {
  articles: number;
  knownPeople: KindScore;
  knownOrganizations: KindScore;
  newPeople: KindScore;
  newOrganizations: KindScore;
  /** New people whose label gives a description: how many the linker described the same way. */
  descriptions: { matched: number; labelled: number; wrong: string[] };
};

const normalizeName = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function scoreKnown(score: KindScore, article: string, predicted: LinkResult['people'], expected: ExpectedKnown[]) {
  const expectedById = new Map(expected.map((entity) => [entity.id, entity.mentions]));
  const predictedIds = new Set(predicted.map((entity) => entity.id));
  score.entities.predicted += predicted.length;
  score.entities.expected += expected.length;
  score.mentions.expected += expected.reduce((sum, entity) => sum + entity.mentions, 0);
  for (const entity of predicted) {
    const expectedMentions = expectedById.get(entity.id);
    if (expectedMentions === undefined) {
      score.falsePositives.push(`${article}: #${entity.id} (${entity.spans.map((span) => span.text).join(', ')})`);
      continue;
    }
    score.entities.truePositives++;
    score.mentions.predicted += entity.spans.length;
    score.mentions.truePositives += Math.min(expectedMentions, entity.spans.length);
  }
  for (const entity of expected) if (!predictedIds.has(entity.id)) score.misses.push(`${article}: #${entity.id}`);
}

/** New entities match by name; mention counts are scored only where the label gives them. */
function scoreNew(score: KindScore, article: string, predicted: LinkResult['newPeople'], expected: ExpectedNew[]) {
  const expectedByName = new Map(expected.map((entity) => [normalizeName(entity.name), entity]));
  const predictedByName = new Map(predicted.map((entity) => [normalizeName(entity.name), entity]));
  score.entities.predicted += predictedByName.size;
  score.entities.expected += expectedByName.size;
  for (const [name, entity] of predictedByName) {
    const label = expectedByName.get(name);
    if (!label) {
      score.falsePositives.push(`${article}: ${entity.name}`);
      continue;
    }
    score.entities.truePositives++;
    if (label.mentions === undefined) continue;
    score.mentions.predicted += entity.spans.length;
    score.mentions.truePositives += Math.min(label.mentions, entity.spans.length);
  }
  for (const [name, label] of expectedByName) {
    if (label.mentions !== undefined) score.mentions.expected += label.mentions;
    if (!predictedByName.has(name)) score.misses.push(`${article}: ${label.name}`);
  }
}

export function loadLabelledArticles(folder: URL): { name: string; article: LabelledArticle }[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json') && file !== 'known.json')
    .sort()
    .map((file) => ({ name: file, article: JSON.parse(readFileSync(new URL(file, folder), 'utf8')) }));
}

/**
 * Links every article in `folder` against its `known.json` and scores the result; `except` names
 * article files left out (a blind set's articles whose names reached a tuner).
 */
export function evaluateLinker(folder: URL, except: readonly string[] = []): Evaluation {
  const shared = JSON.parse(readFileSync(new URL('known.json', folder), 'utf8'));
  const articles = loadLabelledArticles(folder).filter(({ name }) => !except.includes(name));
  const evaluation: Evaluation = {
    articles: articles.length,
    knownPeople: emptyKind(),
    knownOrganizations: emptyKind(),
    newPeople: emptyKind(),
    newOrganizations: emptyKind(),
    descriptions: { matched: 0, labelled: 0, wrong: [] },
  };
  for (const { name, article } of articles) {
    const directory = {
      people: [...shared.people, ...(article.known?.people ?? [])],
      organizations: [...shared.organizations, ...(article.known?.organizations ?? [])],
    };
    const result = linkEntities(article, directory);
    scoreKnown(evaluation.knownPeople, name, result.people, article.expected.people);
    scoreKnown(evaluation.knownOrganizations, name, result.organizations, article.expected.organizations);
    scoreNew(evaluation.newPeople, name, result.newPeople, article.expected.newPeople);
    scoreNew(evaluation.newOrganizations, name, result.newOrganizations, article.expected.newOrganizations);
    for (const label of article.expected.newPeople) {
      if (label.description === undefined) continue;
      evaluation.descriptions.labelled++;
      const found = result.newPeople.find((entity) => normalizeName(entity.name) === normalizeName(label.name));
      if (found && found.description === label.description) evaluation.descriptions.matched++;
      else if (found)
        evaluation.descriptions.wrong.push(`${name}: ${label.name}: "${found.description}" ≠ "${label.description}"`);
    }
  }
  return evaluation;
}

const combine = (...tallies: Tally[]): Tally => ({
  truePositives: tallies.reduce((sum, tally) => sum + tally.truePositives, 0),
  predicted: tallies.reduce((sum, tally) => sum + tally.predicted, 0),
  expected: tallies.reduce((sum, tally) => sum + tally.expected, 0),
});

/** People and organizations, known and new together: what "recall on organizations" means in the issue. */
export function byKind(evaluation: Evaluation) {
  return {
    people: combine(evaluation.knownPeople.entities, evaluation.newPeople.entities),
    organizations: combine(evaluation.knownOrganizations.entities, evaluation.newOrganizations.entities),
  };
}

/** Rows for console.table: one per measure, with precision, recall and the counts behind them. */
export function evaluationRows(evaluation: Evaluation) {
  const row = (measure: string, tally: Tally) => ({
    measure,
    precision: precision(tally).toFixed(3),
    recall: recall(tally).toFixed(3),
    'tp/predicted/expected': `${tally.truePositives}/${tally.predicted}/${tally.expected}`,
  });
  const kinds = byKind(evaluation);
  return [
    row('known people', evaluation.knownPeople.entities),
    row('known people: mentions', evaluation.knownPeople.mentions),
    row('known organizations', evaluation.knownOrganizations.entities),
    row('known organizations: mentions', evaluation.knownOrganizations.mentions),
    row('new people', evaluation.newPeople.entities),
    row('new people: mentions', evaluation.newPeople.mentions),
    row('new organizations', evaluation.newOrganizations.entities),
    row('new organizations: mentions', evaluation.newOrganizations.mentions),
    row('all people', kinds.people),
    row('all organizations', kinds.organizations),
    {
      measure: 'new people: descriptions',
      precision: '',
      recall: (evaluation.descriptions.labelled
        ? evaluation.descriptions.matched / evaluation.descriptions.labelled
        : 1
      ).toFixed(3),
      'tp/predicted/expected': `${evaluation.descriptions.matched}/-/${evaluation.descriptions.labelled}`,
    },
  ];
}
