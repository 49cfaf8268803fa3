"""Demo data and its commands, for local development and tests only.

Installed only by `cms_portal.settings.local` and `cms_portal.settings.test`, never in
production, so its commands do not exist there. It sits above every other app: it may
import any of them, and nothing but settings, tests and the page benchmark may import it."""
