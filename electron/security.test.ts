import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  applyCsp,
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  isAllowedNavigation,
  isTrustedSender,
  webPreferencesFor,
  withCsp,
} from './security.js';

const ALLOWED = [
  'app://kiosk/index.html',
  'app://kiosk/',
  'app://kiosk/assets/index-3f9a1c.js',
  'app://kiosk/index.html#/organizer',
  'app://kiosk/index.html?lang=en',
];

const DENIED = [
  'file:///etc/passwd',
  'file:///work/main/dist/renderer/index.html',
  'http://evil.example/',
  'https://evil.example/app://kiosk/index.html',
  'http://127.0.0.1:8080/?token=x',
  'app://kiosk/../',
  'app://kiosk/../../etc/passwd',
  'app://kiosk/./index.html',
  'app://kiosk/%2e%2e/etc/passwd',
  'app://kiosk/..%2f..%2fetc%2fpasswd',
  'app://kiosk/assets%5c..%5cindex.html',
  'app://kiosk\\..\\index.html',
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'java\nscript:alert(1)',
  'app://kiosk/index.html\n',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://kiosk/0b6a3c3e-1111-2222-3333-444455556666',
  'about:blank',
  'devtools://devtools/bundled/inspector.html',
  'media://local/demo/clip.mp4',
  'app://evil/index.html',
  'app://kiosk.evil.example/index.html',
  'app://kiosk@evil.example/index.html',
  'app://user:pass@kiosk/index.html',
  'app://kiosk:8080/index.html',
  'app:kiosk/index.html',
  'app:///index.html',
  'app://kiosk',
  'APP://KIOSK/index.html',
  '',
  'not a url',
];

describe('isAllowedNavigation', () => {
  it.each(ALLOWED)('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });
  it.each(DENIED)('denies %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it.each(ALLOWED)('trusts a frame showing %s', (url) => {
    expect(isTrustedSender(url)).toBe(true);
  });
  it.each([...DENIED, null, undefined])('distrusts a frame showing %j', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });
});

describe('webPreferencesFor', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    expect(webPreferencesFor('/opt/station/build/electron/preload.cjs')).toEqual({
      preload: '/opt/station/build/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('runs only the bundle’s own scripts and never eval or inline code', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe|\*/);
  });

  it('lets media come only from the bundle and the media protocol', () => {
    expect(csp.get('media-src')).toEqual(["'self'", 'media:', 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'media:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('names no remote host anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\/\//);
  });
});

/** The parts of a WebContents the guards touch, driven by hand. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  let requestHandler:
    | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void)
    | undefined;
  let checkHandler: ((...args: unknown[]) => boolean) | undefined;
  let deviceHandler: ((...args: unknown[]) => boolean) | undefined;
  const session = {
    setPermissionRequestHandler: vi.fn((h: typeof requestHandler) => (requestHandler = h)),
    setPermissionCheckHandler: vi.fn((h: typeof checkHandler) => (checkHandler = h)),
    setDevicePermissionHandler: vi.fn((h: typeof deviceHandler) => (deviceHandler = h)),
  };
  const contents = Object.assign(emitter, {
    session,
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  });
  const navigate = (event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    emitter.emit(event, e, url);
    return e.preventDefault;
  };
  return {
    contents: contents as unknown as WebContents,
    navigate,
    openWindow: (url: string) => openHandler?.({ url }),
    requestPermission: (permission: string) => {
      const cb = vi.fn();
      requestHandler?.(contents, permission, cb, {});
      return cb;
    },
    checkPermission: (permission: string) =>
      checkHandler?.(contents, permission, 'app://kiosk', {}),
    checkDevice: () => deviceHandler?.({ deviceType: 'usb', origin: 'app://kiosk' }),
  };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'on %s cancels a foreign URL and lets the kiosk’s own through',
    (event) => {
      const f = fakeContents();
      hardenWebContents(f.contents);
      expect(f.navigate(event, 'https://evil.example/')).toHaveBeenCalledOnce();
      expect(f.navigate(event, 'file:///etc/passwd')).toHaveBeenCalledOnce();
      expect(f.navigate(event, 'javascript:alert(1)')).toHaveBeenCalledOnce();
      expect(f.navigate(event, 'app://kiosk/index.html')).not.toHaveBeenCalled();
    },
  );

  it('refuses every new window, even one for the kiosk’s own page', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    expect(f.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.openWindow('app://kiosk/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses <webview> attachment', () => {
    const f = fakeContents();
    hardenWebContents(f.contents);
    expect(f.navigate('will-attach-webview', 'app://kiosk/index.html')).toHaveBeenCalledOnce();
  });

  it.each(['media', 'geolocation', 'notifications', 'fullscreen', 'openExternal', 'unknown'])(
    'refuses the %s permission, on request and on check',
    (permission) => {
      const f = fakeContents();
      hardenWebContents(f.contents);
      const cb = f.requestPermission(permission);
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
      expect(f.checkPermission(permission)).toBe(false);
      expect(f.checkDevice()).toBe(false);
    },
  );
});

describe('applyCsp', () => {
  it('replaces any policy a response brings with the kiosk’s and keeps other headers', () => {
    let listener:
      | ((
          details: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    const session = {
      webRequest: { onHeadersReceived: vi.fn((l: typeof listener) => (listener = l)) },
    } as unknown as Session;
    applyCsp(session);
    const callback = vi.fn();
    listener?.(
      {
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('adds the policy to a response that had no headers', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
