import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { builder } from '../builder.ts';

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An exact instant as an ISO-8601 string in UTC, such as `2026-03-14T09:45:00.000Z`.',
});

builder.addScalarType('Date', DateResolver, {
  description: 'A calendar date as an ISO-8601 string, such as `2026-03-14`.',
});
