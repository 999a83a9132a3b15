/** Where the preferences live in localStorage (features/preferences/preferences.ts reads and writes them). */
export const PREFERENCES_KEY = 'ci-dashboard.preferences';

/**
 * Inlined in <head> (app/layout.tsx) before first paint: applies the remembered theme, or the
 * system's prefers-color-scheme, so a dark reload never flashes white. Server-safe: no React here.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var p=JSON.parse(localStorage.getItem(${JSON.stringify(PREFERENCES_KEY)})||'{}');var t=p.theme;var d=t==='dark'||((t!=='light')&&matchMedia('(prefers-color-scheme: dark)').matches);var e=document.documentElement;if(d)e.classList.add('dark');e.style.colorScheme=d?'dark':'light';}catch(e){}})();`;
