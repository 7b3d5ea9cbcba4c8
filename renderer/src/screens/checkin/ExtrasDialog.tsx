import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinSessionView } from '../../../../common/contract-checkin.js';
import { useStation } from '../../api/context.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { clockTime } from './format.js';
import { encodeFile, encodeJpeg } from './photo-encode.js';
import { useDialogKeys } from './useDialogKeys.js';

type WithGrant = <T>(fn: (grant: string) => Promise<T>) => Promise<T>;

const THUMBNAILS = 6;

/**
 * The minutes (会议记录, typed on a keyboard) and photos of the session, from a file or a USB
 * camera. Photos go to the station, which keeps them under DATA/photos/<session>/.
 */
export function ExtrasDialog({
  tab,
  session,
  withGrant,
  onSaved,
  onClose,
}: {
  tab: 'minutes' | 'photos';
  session: CheckinSessionView;
  withGrant: WithGrant;
  onSaved: (view: CheckinSessionView) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const ref = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(session.minutes);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [photos, setPhotos] = useState(session.photos);
  const [thumbs, setThumbs] = useState<Record<number, string>>({});
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useDialogKeys(ref, onClose);

  // Thumbnails of the latest photos, fetched one by one through the API (no file URLs exposed).
  useEffect(() => {
    for (const p of photos.slice(-THUMBNAILS)) {
      if (thumbs[p.id]) continue;
      withGrant((grant) => api.getSessionPhoto({ grant, photoId: p.id })).then(
        (data) =>
          setThumbs((m) => ({ ...m, [p.id]: `data:${data.mime};base64,${data.dataBase64}` })),
        () => undefined,
      );
    }
  }, [api, photos, thumbs, withGrant]);

  useEffect(() => {
    if (videoRef.current && camera) {
      videoRef.current.srcObject = camera;
      void videoRef.current.play().catch(() => undefined);
    }
    return () => camera?.getTracks().forEach((track) => track.stop());
  }, [camera]);

  const upload = async (dataBase64: string, source: 'file' | 'camera') => {
    const photo = await withGrant((grant) =>
      api.addSessionPhoto({ grant, sessionId: session.id, mime: 'image/jpeg', source, dataBase64 }),
    );
    setPhotos((list) => [...list, photo]);
    onSaved({ ...session, photos: [...photos, photo] });
    setNotice(t('checkin.photoSaved'));
  };

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (caught) {
      setError(caught);
    }
  };

  const saveMinutes = () =>
    run(async () => {
      const view = await withGrant((grant) =>
        api.saveSessionMinutes({ grant, sessionId: session.id, text }),
      );
      onSaved(view);
      setNotice(t('checkin.minutesSaved', { time: clockTime(view.minutesSavedAt) }));
    });

  const openCamera = () =>
    run(async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(t('checkin.photoNoCamera'));
      try {
        setCamera(await navigator.mediaDevices.getUserMedia({ video: true, audio: false }));
      } catch {
        throw new Error(t('checkin.photoNoCamera'));
      }
    });

  const takePhoto = () =>
    run(async () => {
      const video = videoRef.current;
      if (!video || video.videoWidth === 0) throw new Error(t('checkin.photoNoCamera'));
      await upload(encodeJpeg(video, video.videoWidth, video.videoHeight), 'camera');
    });

  return (
    <div
      className="checkin-dialog"
      role="dialog"
      aria-modal="true"
      data-testid={`extras-${tab}`}
      ref={ref}
    >
      <div className="checkin-dialog__panel checkin-dialog__panel--wide">
        {tab === 'minutes' ? (
          <>
            <div className="checkin-dialog__top">
              <h2 className="checkin-dialog__prompt">{t('checkin.minutesTitle')}</h2>
              <button type="button" className="button" data-testid="extras-close" onClick={onClose}>
                {t('checkin.close')}
              </button>
            </div>
            <p className="checkin-dialog__hint">{t('checkin.minutesHint')}</p>
            <div className="minutes-row">
              <textarea
                className="checkin-input checkin-minutes"
                data-testid="minutes-text"
                data-autofocus=""
                aria-label={t('checkin.minutesTitle')}
                maxLength={20_000}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              <button
                type="button"
                className="button button--primary minutes-save"
                data-testid="minutes-save"
                onClick={() => void saveMinutes()}
              >
                {t('checkin.minutesSave')}
              </button>
            </div>
          </>
        ) : (
          <>
            <h2 className="checkin-dialog__prompt">{t('checkin.photosTitle')}</h2>
            <p className="checkin-dialog__hint" data-testid="photo-count">
              {t('checkin.photoCount', { count: photos.length })}
            </p>
            <div className="photo-strip">
              {photos
                .slice(-THUMBNAILS)
                .map((p) =>
                  thumbs[p.id] ? (
                    <img key={p.id} className="photo-thumb" src={thumbs[p.id]} alt="" />
                  ) : null,
                )}
            </div>
            {camera ? <video ref={videoRef} className="camera-preview" muted playsInline /> : null}
            <input
              ref={fileRef}
              type="file"
              accept="image/*"
              hidden
              data-testid="photo-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void run(async () => upload(await encodeFile(file), 'file'));
              }}
            />
            <div className="checkin-dialog__buttons">
              <button
                type="button"
                className="button"
                data-autofocus=""
                data-testid="photo-from-file"
                onClick={() => fileRef.current?.click()}
              >
                {t('checkin.photoFromFile')}
              </button>
              {camera ? (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="photo-take"
                  onClick={() => void takePhoto()}
                >
                  {t('checkin.photoTake')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  data-testid="photo-from-camera"
                  onClick={() => void openCamera()}
                >
                  {t('checkin.photoFromCamera')}
                </button>
              )}
              <button type="button" className="button" data-testid="extras-close" onClick={onClose}>
                {t('checkin.close')}
              </button>
            </div>
          </>
        )}
        {notice ? (
          <p className="notice checkin-dialog__ok" data-testid="extras-notice">
            {notice}
          </p>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
      </div>
    </div>
  );
}
