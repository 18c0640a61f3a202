import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import type { EntityKind } from '../entities/store.ts';
import { MAX_FILLED_MONTHS, MONTH, type MonthCount } from '../entities/timeline.ts';
import { invalidArgument } from './global-id.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';

const TimelineMonth = builder.objectRef<MonthCount>('TimelineMonth').implement({
  description: 'How many articles mention someone or something in one calendar month.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month as `YYYY-MM`, in UTC, such as `2026-11`.' }),
    articles: t.exposeInt('articles', { description: 'Number of published articles that month that mention them.' }),
  }),
});

const month = z.string().regex(MONTH, 'must be a month written YYYY-MM, such as 2026-11').nullish();

const timelineArgs = builder.args((t) => ({
  from: t.string({ description: 'First month to include, as `YYYY-MM` (UTC). Default: no limit.', validate: month }),
  to: t.string({ description: 'Last month to include, as `YYYY-MM` (UTC). Default: no limit.', validate: month }),
}));

const DESCRIPTION =
  'Number of published articles you may see that mention them, per calendar month (UTC), oldest month first. ' +
  'Months without articles between the first and the last month that has some are included with 0 ' +
  `(unless those lie more than ${MAX_FILLED_MONTHS / 12} years apart); empty when none mention them.`;

function loadTimeline(
  kind: EntityKind,
  id: number,
  args: { from?: string | null; to?: string | null },
  context: Context,
) {
  const from = args.from ?? null;
  const to = args.to ?? null;
  if (from && to && from > to) throw invalidArgument('to', `${to} is before from (${from})`);
  const loader = kind === 'Person' ? context.loaders.personTimeline : context.loaders.organizationTimeline;
  return loader.load({ id, from, to });
}

builder.prismaObjectFields(Person, (t) => ({
  timeline: t.field({
    type: [TimelineMonth],
    description: DESCRIPTION,
    args: timelineArgs,
    resolve: (person, args, context) => loadTimeline('Person', person.id, args, context),
  }),
}));

builder.prismaObjectFields(Organization, (t) => ({
  timeline: t.field({
    type: [TimelineMonth],
    description: DESCRIPTION,
    args: timelineArgs,
    resolve: (organization, args, context) => loadTimeline('Organization', organization.id, args, context),
  }),
}));
