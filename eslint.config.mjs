// Lint rules of the house: typescript-eslint's recommended set, plus the
// boundaries of the design (no `vscode` in the core or the webviews, no
// console in the language server, whose stdout is the protocol channel).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'src/core and webview-ui never import vscode: hand them what they need through a host interface.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.catwalk-host/**', 'bench/.data/**', '.scratch/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['src/core/**/*.ts', 'webview-ui/**/*.ts'], rules: noVscode },
  { files: ['src/server/**/*.ts'], rules: { 'no-console': 'error' } },
);
