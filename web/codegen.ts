import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the committed supergraph: a field the page asks for that the graph does not
 * have, or a wrong type, fails the build. Generated into src/gql/ (not committed: built every time).
 */
const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/operations/*.graphql'],
  silent: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // operations are sent as their text: no GraphQL parser in the page
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', Decimal: 'string', Vnd: 'string', DateTimeISO: 'string' },
      },
    },
  },
};
export default config;
