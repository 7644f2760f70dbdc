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
    '^@taizhang/functions/admin$': '<rootDir>/functions/src/admin.ts',
    '^@taizhang/functions/services$': '<rootDir>/functions/src/services.ts',
    '^@taizhang/excel-simulator$': '<rootDir>/simulator/src/index.ts',
    '^@taizhang/excel-simulator/wire$': '<rootDir>/simulator/src/wire.ts',
    '^@taizhang/addin$': '<rootDir>/addin/src/index.ts',
    '^@taizhang/addin/web$': '<rootDir>/addin/src/web/ledgerFile.ts',
    '^@taizhang/cli/accounts$': '<rootDir>/cli/src/admin/accounts.ts',
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
