import { builder } from '../builder.ts';
import { createAffiliation, deleteAffiliation, updateAffiliation } from '../entities/affiliation-editor.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';

export const Affiliation = builder.prismaObject('Affiliation', {
  description: "A person's role at an organization, optionally bounded in time.",
  fields: (t) => ({
    id: t.id({
      description:
        'Opaque ID of the affiliation, for `updateAffiliation` and `deleteAffiliation`. Affiliations are not nodes: `node(id:)` does not fetch them.',
      resolve: (affiliation) => encodeGlobalId('Affiliation', affiliation.id),
    }),
    person: t.relation('person', { description: 'The person holding the role.' }),
    organization: t.relation('organization', { description: 'The organization the role is at.' }),
    role: t.exposeString('role', { description: 'Title of the role, such as "Mayor" or "Senior reporter".' }),
    since: t.expose('since', { type: 'Date', nullable: true, description: 'First day in the role, when known.' }),
    until: t.expose('until', {
      type: 'Date',
      nullable: true,
      description: 'Last day in the role; null while the role is held or when unknown.',
    }),
    current: t.boolean({
      description: 'True when the role has no end date or ends in the future.',
      resolve: (affiliation, _args, context) => affiliation.until === null || affiliation.until >= context.now,
    }),
  }),
});

const roleDescription = 'Title of the role, such as "Mayor" or "Senior reporter": at most 200 characters, not blank.';

const CreateAffiliationInput = builder.inputType('CreateAffiliationInput', {
  description: 'A role a person holds or held at an organization.',
  fields: (t) => ({
    person: t.id({ required: true, description: 'The person holding the role (Person ID).' }),
    organization: t.id({ required: true, description: 'The organization the role is at (Organization ID).' }),
    role: t.string({ required: true, description: roleDescription }),
    since: t.field({ type: 'Date', description: 'First day in the role, when known.' }),
    until: t.field({
      type: 'Date',
      description: 'Last day in the role; left out while the role is held. Not before `since`.',
    }),
  }),
});

const UpdateAffiliationInput = builder.inputType('UpdateAffiliationInput', {
  description: 'Changes to an affiliation. Fields left out stay as they are.',
  fields: (t) => ({
    affiliation: t.id({ required: true, description: 'The affiliation to change (`Affiliation.id`).' }),
    role: t.string({ description: `${roleDescription} Null keeps the current role.` }),
    since: t.field({ type: 'Date', description: 'First day in the role; null when unknown.' }),
    until: t.field({
      type: 'Date',
      description: 'Last day in the role; null while the role is held. Not before `since` (given or stored).',
    }),
  }),
});

const DeleteAffiliationInput = builder.inputType('DeleteAffiliationInput', {
  description: 'Names the affiliation to delete.',
  fields: (t) => ({
    affiliation: t.id({ required: true, description: 'The affiliation to delete (`Affiliation.id`).' }),
  }),
});

builder.mutationFields((t) => ({
  createAffiliation: t.field({
    type: Affiliation,
    description: 'Records that a person holds or held a role at an organization. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'affiliation', description: 'The new affiliation.' } },
    args: { input: t.arg({ type: CreateAffiliationInput, required: true, description: 'The affiliation to add.' }) },
    resolve: (_root, { input }, context) =>
      createAffiliation(context, {
        personId: decodeGlobalId('input.person', input.person, ['Person']).id,
        organizationId: decodeGlobalId('input.organization', input.organization, ['Organization']).id,
        role: input.role,
        since: input.since,
        until: input.until,
      }),
  }),
  updateAffiliation: t.field({
    type: Affiliation,
    description: 'Changes the role or dates of an affiliation. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'affiliation', description: 'The affiliation as saved.' } },
    args: { input: t.arg({ type: UpdateAffiliationInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      updateAffiliation(context, decodeGlobalId('input.affiliation', input.affiliation, ['Affiliation']).id, {
        role: input.role ?? undefined,
        since: input.since,
        until: input.until,
      }),
  }),
  deleteAffiliation: t.field({
    type: 'ID',
    description: 'Deletes an affiliation. Editors and admins only.',
    authScopes: { editor: true },
    errors: {
      types: writeErrors,
      dataField: { name: 'deletedId', description: 'The ID of the deleted affiliation.' },
    },
    args: {
      input: t.arg({ type: DeleteAffiliationInput, required: true, description: 'The affiliation to delete.' }),
    },
    resolve: async (_root, { input }, context) => {
      await deleteAffiliation(context, decodeGlobalId('input.affiliation', input.affiliation, ['Affiliation']).id);
      return input.affiliation;
    },
  }),
}));
