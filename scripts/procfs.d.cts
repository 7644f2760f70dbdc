// Types of procfs.cjs (Linux /proc: processes by the ports they listen on).
export function hasProcfs(): boolean;
export function requireProcfs(): void;
export function listenerPid(port: number): number | undefined;
export function cmdline(pid: number): string[] | undefined;
export function environ(pid: number): Record<string, string> | undefined;
export function cwdOf(pid: number): string;
export function parentOf(pid: number): number | undefined;
export function childrenOf(pid: number): number[];
export function alive(pid: number): boolean;
export function leftBehindFirestore(port: number): number | undefined;
export function describeListener(port: number): string | undefined;
export function stopProcess(pid: number, graceMs?: number): Promise<void>;
