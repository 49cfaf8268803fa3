"""Static files storage for production: WhiteNoise's compressed, hashed files, with the
imports of our ES modules (`static/js/*.mjs`) rewritten to the hashed names, so a page
never mixes a new module with a stale copy of another. Django rewrites imports only in
`*.js`, and doing that to GOV.UK Frontend's minified bundle is needless, so the same
patterns are applied to `*.mjs` alone."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

_MODULE_IMPORT_PATTERNS = HashedFilesMixin._js_module_import_aggregation_patterns[1]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("*.mjs", _MODULE_IMPORT_PATTERNS))
