// ESLint flat config: the recommended JavaScript and typescript-eslint rules (without type
// information, so a run takes seconds), Node's globals, and lines of at most 100 characters.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '_site/', 'plugin/core/generated/', 'test/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `catch {}` marks a best-effort step (removing a temporary file, probing a cache).
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `{ omitted: _, ...rest }` leaves fields out of a copy: a name starting with `_` is unused
      // by design.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'max-len': [
        'error',
        {
          code: 100,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
    },
  },
);
