import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ExcelHost } from '../excel/host';
import type { Backend } from './backend';
import { PaneView } from './components/PaneView';
import { strings, type Lang } from './i18n';
import { PaneStore } from './store';

export interface AppProps {
  readonly host: ExcelHost;
  readonly backend: Backend;
  readonly lang: Lang;
}

/** The small hook: one store per pane, subscribed through useSyncExternalStore. */
export function usePane(host: ExcelHost, backend: Backend): PaneStore {
  const store = useMemo(() => new PaneStore(host, backend), [host, backend]);
  useEffect(() => store.start(), [store]);
  return store;
}

export function App({ host, backend, lang }: AppProps) {
  const store = usePane(host, backend);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return (
    <FluentProvider theme={webLightTheme}>
      <PaneView state={state} actions={store.actions} s={strings(lang)} lang={lang} emulator={backend.emulator} />
    </FluentProvider>
  );
}
