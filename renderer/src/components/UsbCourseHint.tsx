import '../styles/course-update.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/context.js';

/** The home screen looks at the sticks less often than the organizer's page. */
const LOOK_MS = 5000;

/**
 * A gentle line on the home screen when a USB stick holds courses newer than the station's:
 * it says where to import them (the organizer's page, behind the PIN). Takes no focus.
 */
export function UsbCourseHint() {
  const { t } = useTranslation();
  const { api } = useStation();
  const [version, setVersion] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const look = () =>
      api.peekUsbCourses({}).then(
        (r) => live && setVersion(r.version),
        () => undefined, // the home screen's own banner shows connection trouble
      );
    void look();
    const timer = setInterval(() => void look(), LOOK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (version === null) return null;
  return (
    <p className="usb-course-hint" data-testid="usb-course-hint" role="status">
      {t('courseUpdate.homeHint', { version })}
    </p>
  );
}
