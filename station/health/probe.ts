/**
 * systeminformation is loaded on the first reading: it takes ~0.1 s to load, and short commands
 * that only import this module's neighbours (a course sync marking its success) never read a
 * sensor.
 */
let loaded: Promise<typeof import('systeminformation')> | null = null;
const sys = () => (loaded ??= import('systeminformation'));

/**
 * The part of `systeminformation` the health snapshot reads. Injected so tests can hand in a
 * facade whose sensors are missing or throw (a headless box, no audio, no temperature sensor):
 * every one of those must read as `unknown`, never crash the snapshot.
 */
export interface SystemProbe {
  currentLoad(): Promise<{ currentLoad: number; avgLoad?: number }>;
  mem(): Promise<{ total: number; available: number }>;
  fsSize(): Promise<{ mount: string; size: number; available: number; fs: string }[]>;
  cpuTemperature(): Promise<{ main: number | null; max: number | null }>;
  /** Seconds since boot. */
  uptime(): Promise<number>;
  graphics(): Promise<{
    displays: { currentResX: number | null; currentResY: number | null; model?: string }[];
  }>;
  audio(): Promise<{ name: string; out: boolean | null; in?: boolean | null }[]>;
  networkInterfaces(): Promise<
    { iface: string; ip4: string; internal: boolean; operstate: string; virtual?: boolean }[]
  >;
  osInfo(): Promise<{ distro: string; release: string; kernel: string; arch: string }>;
}

export const systemProbe: SystemProbe = {
  currentLoad: async () => (await sys()).currentLoad(),
  mem: async () => (await sys()).mem(),
  fsSize: async () => (await sys()).fsSize(),
  cpuTemperature: async () => (await sys()).cpuTemperature(),
  uptime: async () => Number((await sys()).time().uptime),
  graphics: async () => (await sys()).graphics(),
  audio: async () => (await sys()).audio(),
  networkInterfaces: async () => {
    const list = await (await sys()).networkInterfaces();
    return Array.isArray(list) ? list : [list];
  },
  osInfo: async () => (await sys()).osInfo(),
};

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * Runs one probe with a deadline. A sensor that hangs (a wedged `xrandr`, a stuck network mount)
 * must not hold up the snapshot; the late answer is ignored.
 */
export function withDeadline<T>(work: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
    timer.unref?.();
    Promise.resolve()
      .then(work)
      .then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
  });
}
