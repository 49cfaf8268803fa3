// Loaded only after the user accepts analytics cookies. It does nothing unless an
// analytics id is configured for the environment.
const script = document.currentScript || document.querySelector("script[data-analytics-id]");
const analyticsId = script ? script.dataset.analyticsId : "";
if (analyticsId) {
  document.cookie = `_cms_analytics=${crypto.randomUUID()}; max-age=31536000; path=/; samesite=lax; secure`;
}
