import { GraphQLError } from 'graphql';

/**
 * The one set of arguments of a mutation that takes `input:` and, for clients written before,
 * still its deprecated loose arguments: exactly one of the two forms must be given.
 * `loose` is undefined when none of the loose arguments was given.
 */
export function inputOrLooseArguments<Input>(
  mutation: string,
  input: Input | null | undefined,
  loose: Input | undefined,
): Input {
  if (input != null && loose !== undefined) {
    throw new GraphQLError(`${mutation}: pass \`input\` or the deprecated arguments, not both.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const chosen = input ?? loose;
  if (chosen === undefined) {
    throw new GraphQLError(`${mutation}: pass \`input\`.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return chosen;
}

export const USE_INPUT = 'Use `input` instead.';
