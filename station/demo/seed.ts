import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { roleFromTitle } from '../domain/roles.js';
import { insertMember, countActiveMembers } from '../members/repository.js';
import { writeSetting } from '../settings/store.js';
import { hasPin, setPin } from '../auth/pins.js';
import { appRoot } from '../paths.js';
import { installDemoCourse } from '../content/demo-course.js';

export const DEMO_PINS = { organizer: '1234', technician: '5678' } as const;

const DemoVillage = z.object({
  village: z.string(),
  county: z.string(),
  terminalName: z.string(),
  members: z.array(
    z.object({
      name: z.string(),
      gender: z.enum(['male', 'female']),
      birthDate: z.string(),
      joinedOn: z.string(),
      status: z.enum(['full', 'probationary']),
      roleTitle: z.string(),
      cardCode: z.string(),
      mobile: z.boolean().optional(),
      worksIn: z.string().optional(),
    }),
  ),
});

/**
 * Fills an empty station with the demo village from resources/demo (a roster with realistic
 * names and posts, the demo PINs) and installs the demo course into the verified content cache.
 * Does nothing to a station that already has members, so `init --demo` stays idempotent.
 */
export function seedDemo(db: Db, now: Date): { village: string; members: number } | null {
  const demo = DemoVillage.parse(
    JSON.parse(fs.readFileSync(path.join(appRoot(), 'resources', 'demo', 'village.json'), 'utf8')),
  );
  installDemoCourse(db, now);
  if (countActiveMembers(db) > 0) return null;
  db.transaction(() => {
    writeSetting(db, 'village', demo.village, now);
    writeSetting(db, 'county', demo.county, now);
    writeSetting(db, 'terminal.name', demo.terminalName, now);
    writeSetting(db, 'setup.completed', true, now);
    for (const role of ['organizer', 'technician'] as const) {
      if (!hasPin(db, role)) setPin(db, role, DEMO_PINS[role], now);
    }
    for (const m of demo.members) {
      const role = roleFromTitle(m.roleTitle);
      if (!role) throw new Error(`demo roster: unknown post ${m.roleTitle}`);
      insertMember(
        db,
        {
          name: m.name,
          gender: m.gender,
          birthDate: m.birthDate,
          joinedOn: m.joinedOn,
          status: m.status,
          role,
          roleTitle: m.roleTitle,
          phone: null,
          isMobile: m.mobile ?? false,
          worksIn: m.worksIn ?? null,
          cardCode: m.cardCode,
        },
        now,
      );
    }
  })();
  return { village: demo.village, members: demo.members.length };
}
