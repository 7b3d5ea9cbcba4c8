import './no-dynamic-style.js';
import 'video.js/dist/video-js.css';
import videojsImport from 'video.js';
import zhCN from 'video.js/dist/lang/zh-CN.json' with { type: 'json' };

// Under NodeNext the package's types read as CommonJS (the function on `.default`), while Vite
// bundles its ES build (the function is the default export). Accept either.
type VideoJs = typeof videojsImport.default;
const videojs: VideoJs =
  ((videojsImport as unknown as { default?: VideoJs }).default as VideoJs | undefined) ??
  (videojsImport as unknown as VideoJs);

videojs.addLanguage('zh-CN', zhCN);

export type Player = ReturnType<VideoJs>;
export { videojs };

/** The MIME type video.js needs to pick the HTML5 tech, from the file's extension. */
export function mediaTypeOf(path: string): string {
  if (/\.webm$/i.test(path)) return 'video/webm';
  return 'video/mp4';
}
