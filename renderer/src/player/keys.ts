/** What a key does in the player. Back/Escape is not here: the App's Back handling leaves. */
export type PlayerAction =
  | 'toggle'
  | 'back30'
  | 'forward30'
  | 'volumeUp'
  | 'volumeDown'
  | 'next'
  | 'previous'
  | 'fullscreen';

// Remote controls send the media keys; keyboards and air mice the others.
const KEYS: Record<string, PlayerAction> = {
  Enter: 'toggle',
  ' ': 'toggle',
  MediaPlayPause: 'toggle',
  MediaPlay: 'toggle',
  MediaPause: 'toggle',
  ArrowLeft: 'back30',
  MediaRewind: 'back30',
  ArrowRight: 'forward30',
  MediaFastForward: 'forward30',
  ArrowUp: 'volumeUp',
  AudioVolumeUp: 'volumeUp',
  ArrowDown: 'volumeDown',
  AudioVolumeDown: 'volumeDown',
  n: 'next',
  N: 'next',
  PageDown: 'next',
  MediaTrackNext: 'next',
  PageUp: 'previous',
  MediaTrackPrevious: 'previous',
  f: 'fullscreen',
  F: 'fullscreen',
};

export function playerActionFor(key: string): PlayerAction | null {
  return Object.hasOwn(KEYS, key) ? (KEYS[key] ?? null) : null;
}

export const SEEK_STEP_SECONDS = 30;
export const VOLUME_STEP = 0.1;

/** The media time after a ±30 s jump: never before the start, never past the last moment. */
export function seekTarget(current: number, duration: number, delta: number): number {
  const end = Number.isFinite(duration) && duration > 0 ? Math.max(0, duration - 0.5) : Infinity;
  return Math.min(end, Math.max(0, current + delta));
}

export function stepVolume(volume: number, delta: number): number {
  return Math.round(Math.min(1, Math.max(0, volume + delta)) * 10) / 10;
}
