import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { BREAK, type DocumentNode, GraphQLError, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Media types that carry a result in parts: multipart HTTP responses and server-sent events. */
const INCREMENTAL_MEDIA_TYPES = ['multipart/mixed', 'text/event-stream'];

/**
 * `@defer` and `@stream` (Yoga's plugin adds the directives and their validation rules): the
 * response starts with what is ready and the deferred fragments and streamed list items follow as
 * further parts. A client that cannot read parts (it accepts only JSON) gets a clear 406 error
 * instead of Yoga's empty one, before any database work.
 */
export function useIncrementalDelivery(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Typed for envelop's context, a wider type than Yoga's; it reads nothing from the context.
      addPlugin(useDeferStream() as Plugin);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request || acceptsParts(request) || !usesIncrementalDirectives(args.document)) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            'This operation uses @defer or @stream, whose results arrive in parts: send `Accept: multipart/mixed` (or `text/event-stream`), or leave the directives out.',
            { extensions: { code: 'NOT_ACCEPTABLE', http: { status: 406 } } },
          ),
        ],
      });
    },
  };
}

function acceptsParts(request: Request): boolean {
  const accepted = (request.headers.get('accept') || '*/*')
    .split(',')
    .map((entry) => (entry.split(';')[0] ?? '').trim().toLowerCase());
  return accepted.some((asked) => {
    const [type, subtype] = asked.split('/');
    return INCREMENTAL_MEDIA_TYPES.some((offered) => {
      const [offeredType, offeredSubtype] = offered.split('/');
      return (type === '*' || type === offeredType) && (subtype === '*' || subtype === offeredSubtype);
    });
  });
}

function usesIncrementalDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}
