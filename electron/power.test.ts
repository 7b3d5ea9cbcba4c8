import { EventEmitter } from 'node:events';
import type { PowerSaveBlocker, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { keepDisplayAwakeWhilePlaying } from './power.js';

/** Electron's powerSaveBlocker, as far as the shell uses it. */
class FakeBlocker {
  readonly active = new Map<number, string>();
  private next = 1;
  start(type: string): number {
    const id = this.next++;
    this.active.set(id, type);
    return id;
  }
  stop(id: number): boolean {
    return this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
}

function setUp() {
  const contents = new EventEmitter();
  const blocker = new FakeBlocker();
  const release = keepDisplayAwakeWhilePlaying(
    contents as unknown as WebContents,
    blocker as unknown as PowerSaveBlocker,
  );
  return { contents, blocker, release };
}

describe('keepDisplayAwakeWhilePlaying', () => {
  it('keeps the display on from the first frame played until the pause', () => {
    const { contents, blocker } = setUp();
    expect(blocker.active.size).toBe(0);
    contents.emit('media-started-playing');
    expect([...blocker.active.values()]).toEqual(['prevent-display-sleep']);
    contents.emit('media-started-playing'); // the next item: still one blocker
    expect(blocker.active.size).toBe(1);
    contents.emit('media-paused');
    expect(blocker.active.size).toBe(0);
    contents.emit('media-paused'); // a second pause is harmless
    expect(blocker.active.size).toBe(0);
  });

  it('lets the display sleep when the page crashes or closes mid-play', () => {
    for (const event of ['render-process-gone', 'destroyed']) {
      const { contents, blocker } = setUp();
      contents.emit('media-started-playing');
      contents.emit(event);
      expect(blocker.active.size).toBe(0);
    }
  });

  it('can be released by the shell, and starts again on the next play', () => {
    const { contents, blocker, release } = setUp();
    contents.emit('media-started-playing');
    release();
    expect(blocker.active.size).toBe(0);
    contents.emit('media-started-playing');
    expect(blocker.active.size).toBe(1);
  });
});
