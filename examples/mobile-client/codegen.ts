// GraphQL Code Generator configuration: typed documents for the operations in src/operations,
// from Lede's printed schema, plus the persisted-operations manifest.
// Usage (from the repository root): npm run example:mobile:codegen
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = import.meta.dirname;

export const generatedFolder = path.join(here, 'src', 'gql');

const config: CodegenConfig = {
  schema: path.join(here, '..', '..', 'generated', 'schema.graphql'),
  documents: [path.join(here, 'src', 'operations', '*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [`${generatedFolder}${path.sep}`]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Writes persisted-documents.json: { "<sha256 of the document text>": "<document text>" }.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        // Import paths with `.js`, as Node's ESM resolution (and the root tsconfig's NodeNext) wants.
        emitLegacyCommonJSImports: false,
      },
    },
  },
};

export default config;
