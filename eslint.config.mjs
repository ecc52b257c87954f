import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'dist/**', 'bench/work/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          // Both names: the rule holds after a move to CDK Terrain (npm run test:cdktn rewrites the imports).
          paths: ['@cdktf/provider-aws', '@cdktn/provider-aws'].map((name) => ({
            name,
            message: `Import provider classes by deep path (${name}/lib/...): the package root costs seconds and hundreds of MB.`,
          })),
        },
      ],
    },
  },
  {
    // Tests read synthesized JSON of arbitrary shape.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
