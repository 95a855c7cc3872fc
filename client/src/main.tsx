import { StrictMode, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/queries';
import './i18n';
import { App } from './App';
import './styles.css';
import './styles/layout.css';
import './styles/home.css';
import './styles/expo.css';
import './styles/booking.css';
import './styles/admin.css';
import './styles/prejoin.css';
import './styles/meeting.css';
import './styles/meeting-panels.css';
import './styles/dashboard.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      {/* Until the UI language's catalogue has loaded (English is bundled, the others are fetched). */}
      <Suspense fallback={null}>
        <App />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
