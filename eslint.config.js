// One lint config for the engine, the entrypoints, the tests and the scripts: TypeScript's
// recommended rules, the hooks rules for the Preact components, and Prettier for the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.tmp/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      // A catch that swallows an error hides a failure from the user; say why when one is ignored.
      'no-empty': ['error', { allowEmptyCatch: false }],
      // Chinese text is laid out with ideographic spaces (U+3000): fine inside strings and templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // A variable a deadline's callback reads before it is assigned cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    files: ['entrypoints/**/*.tsx', 'entrypoints/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hooks rules; the React Compiler's rules assume React's own runtime, not Preact's.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
);
