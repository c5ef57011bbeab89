import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      'next-env.d.ts',
      'bench/results/**',
      'public/effects/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // The layering DESIGN.md draws, enforced: data flows up from the transport
  // layers through the call's session into the store, and the UI reaches the
  // call only through its actions.
  {
    files: ['lib/webrtc/**', 'lib/media/**', 'lib/signaling/**', 'lib/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/store', '@/lib/store/*', '**/store', '**/store/*'],
              message:
                'webrtc/, media/, signaling/ and protocol/ never import the store: emit typed events; lib/call writes the store.',
            },
            {
              group: ['react', 'react-dom', 'react/*', 'zustand/react*'],
              message: 'lib/ is framework-free.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**'],
    ignores: ['lib/webrtc/**', 'lib/media/**', 'lib/signaling/**', 'lib/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand/react*'],
              message: 'lib/ is framework-free.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**', 'hooks/**', 'app/**'],
    ignores: ['hooks/useRoom.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/lib/webrtc',
                '@/lib/webrtc/*',
                '**/webrtc/*',
                '@/lib/signaling',
                '@/lib/signaling/*',
              ],
              message:
                'The UI never touches WebRTC or sockets: read the store, call RoomActions (useRoomSession).',
            },
            {
              group: ['@/lib/call/roomSession', '@/lib/call/meshCall', '@/lib/media/localMedia'],
              message:
                'Components reach the call only through RoomActions (useRoomSession); hooks/useRoom.ts creates the session.',
            },
          ],
          paths: [
            {
              name: 'socket.io-client',
              message: 'The UI never opens sockets: lib/signaling does.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
