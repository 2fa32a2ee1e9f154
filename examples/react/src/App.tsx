import { useRef, useState } from 'react';
// Registers every element (ES modules; Lit is shared with anything else in this bundle).
import 'settings-kit';
// React 19 JSX typings for every tag, its properties and its sk-* events.
import type {} from 'settings-kit/react';
import type { ProfileSettings } from 'settings-kit/elements/profile-settings';

export function App() {
  const [tab, setTab] = useState<string>('');
  const [signedOut, setSignedOut] = useState(false);
  const ref = useRef<ProfileSettings>(null);
  return (
    <main>
      <h1>React host</h1>
      <p data-testid="react-state">
        {signedOut ? 'signed out' : tab ? `tab: ${tab}` : 'no tab yet'}
      </p>
      {/* Props are set as properties (React 19), `on<event>` listens to the element's sk-* events. */}
      <profile-settings
        ref={ref}
        apiBase="/api"
        noHash
        onsk-tab-change={(event) => setTab(String((event.detail as { tab?: string })?.tab ?? ''))}
        onsk-signed-out={() => setSignedOut(true)}
      />
    </main>
  );
}
