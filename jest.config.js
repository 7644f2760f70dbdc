// Two projects: `unit` needs nothing but Node; `emulator` needs the Firebase emulators
// (scripts/test.mjs starts them). Both run the TypeScript sources directly through ts-jest.
/** @type {import('jest').Config} */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  moduleNameMapper: {
    '^@taizhang/ledger$': '<rootDir>/ledger/src/index.ts',
    '^@taizhang/client$': '<rootDir>/client/src/index.ts',
    '^@taizhang/client/xlsx$': '<rootDir>/client/src/xlsx/index.ts',
    '^@taizhang/client/docx$': '<rootDir>/client/src/docx/index.ts',
  },
  // The built functions carry a copy of functions/package.json; jest's module map would warn of two.
  modulePathIgnorePatterns: ['<rootDir>/functions/dist/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts?(x)'] },
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'] },
  ],
};
