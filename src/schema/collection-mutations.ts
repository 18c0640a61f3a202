import { builder } from '../builder.ts';
import {
  addCollectionItem,
  type CollectionTarget,
  createCollection,
  deleteCollection,
  moveCollectionItem,
  pinCollectionItem,
  removeCollectionItem,
  setCollectionItems,
  unscheduleCollectionChange,
  updateCollection,
} from '../collections/editor.ts';
import { type Backfill, MAX_COLLECTION_SIZE, MAX_COLLECTION_TITLE_CHARACTERS } from '../collections/rules.ts';
import type { Context } from '../context.ts';
import { ValidationError } from '../shared/errors.ts';
import { ArticleFilterInput, decodeArticleFilter } from './article-filter.ts';
import { Collection, CollectionBackfillRuleEnum } from './collection.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';
import { INSTANT_RANGE, isStorableInstant } from './input-ranges.ts';

const CollectionBackfillInput = builder.inputType('CollectionBackfillInput', {
  description: 'How a collection fills the slots its editors leave empty, newest articles first.',
  fields: (t) => ({
    rule: t.field({ type: CollectionBackfillRuleEnum, required: true, description: 'Where the articles come from.' }),
    filter: t.field({
      type: ArticleFilterInput,
      description: 'The articles to fill from, for the FILTER rule (ignored by the others).',
    }),
  }),
});

const fields = {
  collection: 'The collection to change, by slug (such as `front/top`).',
  version: 'The `version` you last read; a newer one makes this a ConflictError.',
  at: 'When the change takes effect: a future time schedules it (a planned front page for 6 a.m.). Default now. A scheduled change is based on what the collection will show at that time, and later changes made for earlier times do not reach it.',
  article: 'The article (Article ID).',
  title: `Heading shown above the collection, such as "Top stories" (at most ${MAX_COLLECTION_TITLE_CHARACTERS} characters).`,
  size: `Number of slots, 1 to ${MAX_COLLECTION_SIZE}.`,
  position: 'The slot, from 0 (the first) to `size` − 1.',
};

const CreateCollectionInput = builder.inputType('CreateCollectionInput', {
  description: 'A new collection, empty of items until editors add some.',
  fields: (t) => ({
    slug: t.string({
      required: true,
      description:
        'Unique name: lowercase letters, digits and single hyphens, in parts separated by "/" such as `front/top` (at most 100 characters).',
    }),
    title: t.string({ required: true, description: fields.title }),
    section: t.id({ description: 'The section whose page shows it (Section ID); left out for the front page.' }),
    size: t.int({ required: true, description: fields.size }),
    backfill: t.field({
      type: CollectionBackfillInput,
      description: 'How empty slots are filled. Default: SECTION when a section is given, NONE otherwise.',
    }),
  }),
});

const UpdateCollectionInput = builder.inputType('UpdateCollectionInput', {
  description: 'Changes to a collection’s settings. Fields left out stay as they are.',
  fields: (t) => ({
    collection: t.string({ required: true, description: fields.collection }),
    version: t.int({ required: true, description: fields.version }),
    at: t.field({ type: 'DateTime', description: fields.at }),
    title: t.string({ description: fields.title }),
    size: t.int({
      description: `${fields.size} Refused when the items would not fit, or a pinned item would be outside.`,
    }),
    backfill: t.field({ type: CollectionBackfillInput, description: 'How empty slots are filled.' }),
    section: t.id({
      description:
        'Moves the collection to this section’s page (Section ID); null for no section. Takes effect at once, whatever `at` says.',
    }),
  }),
});

/** The fields every item change starts with: the collection, the version read, when, and the article. */
const itemTarget = (t: PothosSchemaTypes.InputFieldBuilder<typeof builder.$inferSchemaTypes, 'InputObject'>) => ({
  collection: t.string({ required: true, description: fields.collection }),
  version: t.int({ required: true, description: fields.version }),
  at: t.field({ type: 'DateTime', description: fields.at }),
  article: t.id({ required: true, description: fields.article }),
});

const AddCollectionItemInput = builder.inputType('AddCollectionItemInput', {
  description: 'An article to place in a collection.',
  fields: (t) => ({
    ...itemTarget(t),
    position: t.int({
      description: `${fields.position} Default: the first free slot after the other items. Needed to pin.`,
    }),
    pinned: t.boolean({
      defaultValue: false,
      description: 'Whether the article holds its slot while other items move. Default false.',
    }),
  }),
});

const MoveCollectionItemInput = builder.inputType('MoveCollectionItemInput', {
  description: 'An item to move to another slot.',
  fields: (t) => ({
    ...itemTarget(t),
    position: t.int({ required: true, description: `${fields.position} Other unpinned items move around it.` }),
  }),
});

const PinCollectionItemInput = builder.inputType('PinCollectionItemInput', {
  description: 'An item to pin to its slot, or unpin.',
  fields: (t) => ({
    ...itemTarget(t),
    pinned: t.boolean({
      defaultValue: true,
      description: 'True pins the item to the slot it is in now; false lets it move with the others. Default true.',
    }),
  }),
});

const RemoveCollectionItemInput = builder.inputType('RemoveCollectionItemInput', {
  description: 'An item to take out of a collection.',
  fields: (t) => ({ ...itemTarget(t) }),
});

const CollectionItemInput = builder.inputType('CollectionItemInput', {
  description: 'One item of a whole new list of items.',
  fields: (t) => ({
    article: t.id({ required: true, description: fields.article }),
    pinned: t.boolean({
      defaultValue: false,
      description: 'Whether it holds its slot (its place in the list) while other items move. Default false.',
    }),
  }),
});

const SetCollectionItemsInput = builder.inputType('SetCollectionItemsInput', {
  description: 'A whole new list of items, such as a planned front page: item `i` is meant for slot `i`.',
  fields: (t) => ({
    collection: t.string({ required: true, description: fields.collection }),
    version: t.int({ required: true, description: fields.version }),
    at: t.field({ type: 'DateTime', description: fields.at }),
    items: t.field({
      type: [CollectionItemInput],
      required: true,
      description: `The items in slot order, at most \`size\` (and at most ${MAX_COLLECTION_SIZE}); the backfill fills the rest.`,
    }),
  }),
});

const UnscheduleCollectionChangeInput = builder.inputType('UnscheduleCollectionChangeInput', {
  description: 'A scheduled change to drop.',
  fields: (t) => ({
    collection: t.string({ required: true, description: fields.collection }),
    version: t.int({ required: true, description: fields.version }),
    at: t.field({
      type: 'DateTime',
      required: true,
      description: 'The time the change was scheduled for, as `scheduledChanges` lists it.',
    }),
  }),
});

const DeleteCollectionInput = builder.inputType('DeleteCollectionInput', {
  description: 'The collection to delete, and the version you last read.',
  fields: (t) => ({
    collection: t.string({ required: true, description: fields.collection }),
    version: t.int({ required: true, description: fields.version }),
  }),
});

function instant(field: string, value: Date | null | undefined): Date | undefined {
  if (value == null) return undefined;
  if (!isStorableInstant(value)) throw ValidationError.of(field, 'OUT_OF_RANGE', `must be ${INSTANT_RANGE}`);
  return value;
}

function targetOf(input: { collection: string; version: number; at?: Date | null }): CollectionTarget {
  return { slug: input.collection, version: input.version, at: instant('at', input.at) };
}

const articleId = (field: string, value: string | number) =>
  decodeGlobalId(`input.${field}`, String(value), ['Article']).id;

const sectionId = (value: string | number) => decodeGlobalId('input.section', String(value), ['Section']).id;

function backfillOf(input: { rule: Backfill['rule']; filter?: typeof ArticleFilterInput.$inferInput | null }) {
  return input.rule === 'FILTER' && input.filter
    ? { rule: input.rule, filter: decodeArticleFilter(input.filter) }
    : { rule: input.rule };
}

/** The collection as it is once the change has committed. */
async function saved(slug: string, context: Context) {
  const [view] = await context.loaders.collections.find({ slugs: [slug] }, new Date());
  if (!view) throw new Error(`collection ${slug} vanished after its change`);
  return view;
}

const publish = (context: Context) => context.articleEvents?.collections.publish;

const payload = { name: 'collection', description: 'The collection as it is now, after the change.' };

builder.mutationFields((t) => ({
  createCollection: t.field({
    type: Collection,
    description: 'Creates a collection. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'collection', description: 'The new collection.' } },
    args: { input: t.arg({ type: CreateCollectionInput, required: true, description: 'The collection to create.' }) },
    resolve: async (_root, { input }, context) => {
      const section = input.section == null ? null : sectionId(input.section);
      const backfill = input.backfill ? backfillOf(input.backfill) : { rule: section === null ? 'NONE' : 'SECTION' };
      const { slug } = await createCollection(
        context,
        { slug: input.slug, title: input.title, sectionId: section, size: input.size, backfill: backfill as Backfill },
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  updateCollection: t.field({
    type: Collection,
    description:
      'Changes a collection’s title, size, backfill rule or section, now or at a later time. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: UpdateCollectionInput, required: true, description: 'What to change.' }) },
    resolve: async (_root, { input }, context) => {
      const { slug } = await updateCollection(
        context,
        targetOf(input),
        {
          ...(input.title != null && { title: input.title }),
          ...(input.size != null && { size: input.size }),
          ...(input.backfill != null && { backfill: backfillOf(input.backfill) }),
          ...(input.section !== undefined && { sectionId: input.section === null ? null : sectionId(input.section) }),
        },
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  addCollectionItem: t.field({
    type: Collection,
    description: 'Places an article in a collection, pinned to a slot or not. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: AddCollectionItemInput, required: true, description: 'The article and where.' }) },
    resolve: async (_root, { input }, context) => {
      const { position, pinned } = input;
      const { slug } = await addCollectionItem(
        context,
        targetOf(input),
        { articleId: articleId('article', input.article), position: position ?? undefined, pinned: pinned ?? false },
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  moveCollectionItem: t.field({
    type: Collection,
    description: 'Moves an item to another slot (reordering the collection). Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: MoveCollectionItemInput, required: true, description: 'The item and its slot.' }) },
    resolve: async (_root, { input }, context) => {
      const { position } = input;
      const { slug } = await moveCollectionItem(
        context,
        targetOf(input),
        articleId('article', input.article),
        position,
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  pinCollectionItem: t.field({
    type: Collection,
    description: 'Pins an item to the slot it is in, or unpins it. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: PinCollectionItemInput, required: true, description: 'The item.' }) },
    resolve: async (_root, { input }, context) => {
      const { pinned } = input;
      const { slug } = await pinCollectionItem(
        context,
        targetOf(input),
        articleId('article', input.article),
        pinned ?? true,
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  removeCollectionItem: t.field({
    type: Collection,
    description: 'Takes an item out of a collection; the backfill may fill its slot. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: RemoveCollectionItemInput, required: true, description: 'The item.' }) },
    resolve: async (_root, { input }, context) => {
      const { slug } = await removeCollectionItem(
        context,
        targetOf(input),
        articleId('article', input.article),
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  setCollectionItems: t.field({
    type: Collection,
    description:
      'Replaces every item of a collection, now or at a later time (a planned front page). Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: SetCollectionItemsInput, required: true, description: 'The new items.' }) },
    resolve: async (_root, { input }, context) => {
      const { slug } = await setCollectionItems(
        context,
        targetOf(input),
        input.items.map((item, index) => ({
          articleId: articleId(`items[${index}].article`, item.article),
          pinned: item.pinned ?? false,
        })),
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  unscheduleCollectionChange: t.field({
    type: Collection,
    description: 'Drops the changes scheduled for a time that has not come yet. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: payload },
    args: { input: t.arg({ type: UnscheduleCollectionChangeInput, required: true, description: 'The change.' }) },
    resolve: async (_root, { input }, context) => {
      const { slug } = await unscheduleCollectionChange(
        context,
        { slug: input.collection, version: input.version, at: instant('at', input.at) as Date },
        publish(context),
      );
      return saved(slug, context);
    },
  }),
  deleteCollection: t.field({
    type: 'ID',
    description: 'Deletes a collection with its scheduled changes. Editors and admins only.',
    authScopes: { editor: true },
    errors: {
      types: writeErrors,
      dataField: { name: 'deletedId', description: 'The ID of the deleted collection.' },
    },
    args: { input: t.arg({ type: DeleteCollectionInput, required: true, description: 'The collection.' }) },
    resolve: async (_root, { input }, context) => {
      const id = await deleteCollection(context, { slug: input.collection, version: input.version }, publish(context));
      return encodeGlobalId('Collection', id);
    },
  }),
}));
