/**
 * Planned with a field's selection, once per document: the parts of its rows PostgreSQL writes as
 * response text for direct execution to pass through (`withWrittenResponses`), and the plan a
 * parent hands the `info` of a child it plans itself (`childPlanOf`). Under graphql-js neither
 * changes anything.
 */
export { childPlanOf, withWrittenResponses } from '../engine/use-direct-execution.ts';
