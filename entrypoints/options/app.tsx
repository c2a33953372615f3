import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { LibraryPortMessage } from '../../lib/contract';
import { sectionFromHash, type Section } from '../../lib/ui/options/sections';
import { strings } from '../../lib/ui/strings';
import { DiagnosticsSection } from './diagnostics-section';
import { LibrarySection } from './library-section';
import { Nav } from './nav';
import { SettingsSection } from './settings-section';
import { SourcesSection } from './sources-section';

export interface AppProps {
  call: Client;
  /** Calls back on every task change the worker pushes; returns how to stop. */
  watchTasks: (onChange: () => void) => () => void;
  /** Calls back with each piece of library news the worker pushes; returns how to stop. */
  watchLibrary: (onMessage: (message: LibraryPortMessage) => void) => () => void;
}

/** The URL hash names the section, so a section can be linked to and survives a reload. */
function useHashSection(): Section {
  const [section, setSection] = useState<Section>(() => sectionFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

export function App({ call, watchTasks, watchLibrary }: AppProps) {
  const section = useHashSection();
  useEffect(() => {
    document.title = `${strings.options.sections[section]} · ${strings.options.pageTitle}`;
  }, [section]);

  return (
    <div class="layout">
      <header class="page-header">
        <h1 class="page-title">{strings.options.pageTitle}</h1>
      </header>
      <Nav current={section} />
      <main class="content" id="content" data-testid={`section-${section}`}>
        {section === 'library' && <LibrarySection call={call} watchTasks={watchTasks} watchLibrary={watchLibrary} />}
        {section === 'settings' && <SettingsSection call={call} />}
        {section === 'sources' && <SourcesSection call={call} />}
        {section === 'diagnostics' && <DiagnosticsSection call={call} watchTasks={watchTasks} />}
      </main>
    </div>
  );
}
