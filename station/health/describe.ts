/**
 * Health readings and the clock state in words, in the station's language: for the CLI table and
 * the technician console (which shows the station's sentences rather than keeping its own copy).
 */
import type {
  ClockView,
  HealthItem,
  HealthItemView,
  SelfTestRun,
} from '../../common/contract-health.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import type { Translate } from '../i18n/index.js';
import type { ClockStatus } from '../time/trusted-time.js';
import type { StoredRun } from './selftest.js';

export function formatBytes(t: Translate, bytes: number): string {
  if (bytes >= 1024 ** 3) return t('health.value.gb', { value: (bytes / 1024 ** 3).toFixed(1) });
  if (bytes >= 1024 ** 2) return t('health.value.mb', { value: (bytes / 1024 ** 2).toFixed(1) });
  return t('health.value.kb', { value: Math.max(0, Math.ceil(bytes / 1024)) });
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function describeItem(t: Translate, item: HealthItem, now: Date, timeZone: string): string {
  const d = item.detail ?? {};
  const v = item.value;
  if (typeof d.error === 'string' && v === null && item.id !== 'hub') {
    return t('health.value.unreadable', { error: d.error });
  }
  switch (item.id) {
    case 'cpu':
      return v === null
        ? t('health.value.notReported')
        : t('health.value.percent', { value: num(v) });
    case 'memory':
      return v === null
        ? t('health.value.notReported')
        : t('health.value.memory', { value: num(v), total: formatBytes(t, num(d.totalBytes)) });
    case 'disk-data':
    case 'disk-cache':
      return v === null
        ? t('health.value.notReported')
        : t('health.value.disk', {
            free: formatBytes(t, num(v)),
            total: formatBytes(t, num(d.totalBytes)),
          });
    case 'temperature':
      return v === null
        ? t('health.value.notReported')
        : t('health.value.celsius', { value: num(v) });
    case 'uptime': {
      if (v === null) return t('health.value.notReported');
      const s = num(v);
      return t('health.value.uptime', {
        days: Math.floor(s / 86400),
        hours: Math.floor((s % 86400) / 3600),
        minutes: Math.floor((s % 3600) / 60),
      });
    }
    case 'display':
      if (!v) return t('health.value.noDisplay');
      return d.resolution
        ? t('health.value.displays', { count: num(v), resolution: str(d.resolution) })
        : t('health.value.displaysNoResolution', { count: num(v) });
    case 'audio':
      return v
        ? t('health.value.audio', { count: num(v), devices: str(d.devices) })
        : t('health.value.noAudio');
    case 'network':
      return v
        ? t('health.value.network', { count: num(v), interfaces: str(d.interfaces) })
        : t('health.value.noNetwork');
    case 'hub':
      if (v === 'reachable') {
        return t('health.value.hubReachable', { latency: num(d.latencyMs), status: num(d.status) });
      }
      if (v === 'unreachable') return t('health.value.hubUnreachable', { error: str(d.error) });
      if (v === 'not-configured') return t('health.value.hubNotConfigured');
      return t('health.value.unreadable', { error: str(d.error) });
    case 'os':
      return `${str(v)} (${str(d.kernel)}, ${str(d.arch)})`;
    case 'app':
      return t('health.value.app', { value: str(v), schema: str(d.schemaVersion) });
    case 'database':
      return v === null
        ? t('health.value.notReported')
        : t('health.value.database', {
            size: formatBytes(t, num(v)),
            integrity: d.integrity === 'ok' ? t('health.value.integrityOk') : str(d.integrity),
          });
    case 'content':
      return v === null
        ? t('health.value.noContent')
        : t('health.value.content', { count: num(v), size: formatBytes(t, num(d.bytes)) });
    case 'last-sync':
    case 'last-upload': {
      if (v === null) return t('health.value.never');
      const at = new Date(str(v));
      const days = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 86_400_000));
      return t('health.value.ago', {
        at: isoWithOffset(at, timeZone).slice(0, 16).replace('T', ' '),
        days,
      });
    }
  }
}

export function itemView(
  t: Translate,
  item: HealthItem,
  now: Date,
  timeZone: string,
): HealthItemView {
  return {
    ...item,
    label: t(`health.item.${item.id}`),
    text: describeItem(t, item, now, timeZone),
  };
}

const minutesApart = (a: number, b: number) => Math.round(Math.abs(a - b) / 60_000);

export function clockView(t: Translate, c: ClockStatus, timeZone: string): ClockView {
  const nowMs = Date.parse(c.now);
  const local = (ms: number | null) =>
    ms === null ? '' : isoWithOffset(new Date(ms), timeZone).slice(0, 19).replace('T', ' ');
  const params: Record<string, string | number> = {
    now: local(nowMs),
    bound: local(c.lowerBoundAt),
    minutes: c.expectedAt === null ? 0 : minutesApart(nowMs, c.expectedAt),
    source: c.lastGoodSource ? t(`health.clock.source.${c.lastGoodSource}`) : '',
  };
  return {
    trusted: c.trusted,
    reason: c.reason,
    text: t(`health.clock.${c.reason}`, params),
    now: c.now,
    expectedAt: c.expectedAt === null ? null : new Date(c.expectedAt).toISOString(),
    offsetMs: c.offsetMs,
    lastGoodSource: c.lastGoodSource,
    lastGoodAt: c.lastGoodAt,
  };
}

/** A stored self-test run in words, with advice for every step that did not pass. */
export function selfTestView(t: Translate, run: StoredRun): SelfTestRun {
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    overall: run.overall,
    steps: run.steps.map((s) => ({
      id: s.id,
      result: s.result,
      detail: s.detail,
      label: t(`health.selftest.step.${s.id}`),
      text: t(`health.selftest.text.${s.key}`, s.params),
      // Course files nobody has vouched for yet are not a fault to act on.
      advice:
        s.result === 'pass' || (s.result === 'unknown' && s.id === 'content')
          ? ''
          : t(`health.selftest.advice.${s.id}`),
    })),
  };
}
