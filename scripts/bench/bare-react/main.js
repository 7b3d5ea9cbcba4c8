// The reference page of the kiosk cold-start benchmark: the least a Vite + React kiosk can do —
// mount, show a screen, focus a button. No JSX, so it needs no plugin and lints as plain JS.
import { createElement as h, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';

function Home() {
  const button = useRef(null);
  useEffect(() => button.current?.focus(), []);
  return h(
    'div',
    { 'data-testid': 'home-screen' },
    h('h1', null, '向阳村'),
    h('button', { ref: button, type: 'button' }, '组织者'),
  );
}

createRoot(document.getElementById('root')).render(h(Home));
