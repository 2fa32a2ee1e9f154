import '../elements/index';
import './outbox-panel';

// The page background follows the theme the elements resolve, so dark mode covers the whole page.
const settings = document.querySelector('profile-settings')!;
new MutationObserver(() => {
  const theme = settings.getAttribute('sk-theme');
  document.body.classList.toggle('sk-dark', theme === 'dark');
  document.body.classList.toggle('sk-light', theme === 'light');
}).observe(settings, { attributes: true, attributeFilter: ['sk-theme'] });
