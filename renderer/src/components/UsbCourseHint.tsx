import '../styles/course-update.css';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/context.js';
import { usePolled } from './usePolled.js';

/** The home screen looks at the sticks less often than the organizer's page. */
const LOOK_MS = 5000;

/**
 * A gentle line on the home screen when a USB stick holds courses newer than the station's:
 * it says where to import them (the organizer's page, behind the PIN). Takes no focus.
 */
export function UsbCourseHint() {
  const { t } = useTranslation();
  const { api } = useStation();
  const peek = useCallback(() => api.peekUsbCourses({}).then((r) => r.version), [api]);
  const [version] = usePolled(peek, LOOK_MS);
  if (version === null) return null;
  return (
    <p className="usb-course-hint" data-testid="usb-course-hint" role="status">
      {t('courseUpdate.homeHint', { version })}
    </p>
  );
}
