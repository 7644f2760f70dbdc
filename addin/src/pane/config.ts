// Where the pane's backend is: set at build time (scripts/build-addin.mjs defines
// __TZ_CONFIG__); in development the emulators, reached through the dev server's origin.

export interface PaneConfig {
  readonly apiKey: string;
  readonly projectId: string;
  readonly authDomain?: string;
  readonly appId?: string;
  readonly region: string;
  /** Use the emulators behind the pane's own origin (/__/functions/…, /identitytoolkit…). */
  readonly emulator: boolean;
}

declare const __TZ_CONFIG__: PaneConfig | undefined;

export const DEV_CONFIG: PaneConfig = { apiKey: 'demo-api-key', projectId: 'demo-taizhang', region: 'asia-east2', emulator: true };

export function paneConfig(): PaneConfig {
  return typeof __TZ_CONFIG__ === 'undefined' ? DEV_CONFIG : __TZ_CONFIG__;
}
