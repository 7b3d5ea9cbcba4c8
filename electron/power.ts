import type { PowerSaveBlocker, WebContents } from 'electron';

type Contents = Pick<WebContents, 'on'>;
type Blocker = Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;

/**
 * Keeps the display on while the kiosk plays a course, and only then: forty people watching a
 * TV that blanks mid-lesson is the complaint this answers, and a screen that never sleeps wears
 * out an old panel. Chromium reports playback of the page's media as these two events.
 * Returns a function that lets the display sleep again.
 */
export function keepDisplayAwakeWhilePlaying(contents: Contents, blocker: Blocker): () => void {
  let id: number | null = null;
  const release = () => {
    if (id !== null && blocker.isStarted(id)) blocker.stop(id);
    id = null;
  };
  contents.on('media-started-playing', () => {
    if (id === null || !blocker.isStarted(id)) id = blocker.start('prevent-display-sleep');
  });
  contents.on('media-paused', release);
  // A crashed or closed page plays nothing.
  contents.on('render-process-gone', release);
  contents.on('destroyed', release);
  return release;
}
