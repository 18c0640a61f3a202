import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { builder } from '../builder.ts';
import { INSTANT_RANGE, isStorableInstant } from './input-ranges.ts';

/** graphql-scalars' date scalar, refusing dates the database cannot store. */
function storable<External>(scalar: GraphQLScalarType<Date, External>): GraphQLScalarType<Date, External> {
  const checked = (value: Date) => {
    if (!isStorableInstant(value)) {
      throw new GraphQLError(`${scalar.name} must be ${INSTANT_RANGE}.`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType({
    ...scalar.toConfig(),
    parseValue: (value) => checked(scalar.parseValue(value)),
    parseLiteral: (literal, variables) => checked(scalar.parseLiteral(literal, variables)),
  });
}

builder.addScalarType('DateTime', storable(DateTimeResolver), {
  description: 'An exact instant as an ISO-8601 string in UTC, such as `2026-03-14T09:45:00.000Z`.',
});

builder.addScalarType('Date', storable(DateResolver), {
  description: 'A calendar date as an ISO-8601 string, such as `2026-03-14`.',
});
