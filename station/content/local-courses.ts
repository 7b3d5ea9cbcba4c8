import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CourseSummary } from '../../common/contract.js';

const CourseJson = z.object({
  title: z.string().min(1),
  kind: z.string().optional(),
  audience: z.string().optional(),
  order: z.number().optional(),
  durationSeconds: z.number().positive().optional(),
});

const VIDEO = /\.(mp4|webm|m4v)$/i;

/**
 * Lists the courses present in the content directory: one folder per course, its videos, and
 * WebVTT subtitles named `<video-stem>.<lang>.vtt` beside each video. The signed-manifest cache
 * of the courses issue will replace this directory scan as the source of truth.
 */
export function listLocalCourses(contentDir: string): CourseSummary[] {
  if (!fs.existsSync(contentDir)) return [];
  const courses: (CourseSummary & { order: number })[] = [];
  for (const entry of fs.readdirSync(contentDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(contentDir, entry.name);
    const names = fs.readdirSync(dir);
    let meta: z.infer<typeof CourseJson> = { title: entry.name };
    if (names.includes('course.json')) {
      const parsed = CourseJson.safeParse(
        JSON.parse(fs.readFileSync(path.join(dir, 'course.json'), 'utf8')),
      );
      if (parsed.success) meta = parsed.data;
    }
    const files = names
      .filter((n) => VIDEO.test(n))
      .sort()
      .map((video) => {
        const stem = video.replace(VIDEO, '');
        const subtitles = names
          .filter((n) => n.startsWith(`${stem}.`) && n.endsWith('.vtt'))
          .map((n) => ({
            lang: n.slice(stem.length + 1, -'.vtt'.length),
            path: `${entry.name}/${n}`,
          }));
        return { path: `${entry.name}/${video}`, subtitles };
      });
    if (files.length === 0) continue;
    courses.push({
      id: entry.name,
      title: meta.title,
      durationSeconds: meta.durationSeconds ?? null,
      files,
      order: meta.order ?? Number.MAX_SAFE_INTEGER,
    });
  }
  return courses
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map(({ order: _order, ...c }) => c);
}
