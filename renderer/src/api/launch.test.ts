import { describe, expect, it } from 'vitest';
import { electronMediaUrl, httpMediaUrl, takeLaunchToken } from './launch.js';

describe('takeLaunchToken', () => {
  it('takes the token from the launch URL and gives back the address without it', () => {
    expect(takeLaunchToken('http://127.0.0.1:4000/?token=abc-123', () => null)).toEqual({
      token: 'abc-123',
      cleanUrl: '/',
    });
  });

  it('keeps other query parameters and the hash', () => {
    expect(
      takeLaunchToken('http://127.0.0.1:4000/index.html?x=1&token=t0k#top', () => null),
    ).toEqual({
      token: 't0k',
      cleanUrl: '/index.html?x=1#top',
    });
  });

  it('prefers a fresh token in the URL over the one stored for the tab, without reading it', () => {
    let read = false;
    const stored = () => ((read = true), 'old');
    expect(takeLaunchToken('http://127.0.0.1:4000/?token=new', stored).token).toBe('new');
    expect(read).toBe(false);
  });

  it('falls back to the stored token after a reload, leaving the address alone', () => {
    expect(takeLaunchToken('http://127.0.0.1:4000/', () => 'stored')).toEqual({
      token: 'stored',
      cleanUrl: null,
    });
  });

  it('has no token when neither the URL nor storage has one', () => {
    expect(takeLaunchToken('http://127.0.0.1:4000/?token=', () => null)).toEqual({
      token: null,
      cleanUrl: null,
    });
  });
});

describe('media URLs', () => {
  it('under Electron use the media protocol, with each path segment encoded', () => {
    expect(electronMediaUrl('media://local/', 'demo/课程 1.mp4')).toBe(
      'media://local/demo/%E8%AF%BE%E7%A8%8B%201.mp4',
    );
  });

  it('over HTTP carry the token in the query, since a <video> sends no headers', () => {
    expect(httpMediaUrl('a b', '/demo/intro.vtt')).toBe('/media/demo/intro.vtt?token=a%20b');
  });

  it('cannot be turned into a different path by a segment with a slash-like escape', () => {
    expect(httpMediaUrl('t', 'demo/..%2f..%2fstation.db')).toBe(
      '/media/demo/..%252f..%252fstation.db?token=t',
    );
  });
});
