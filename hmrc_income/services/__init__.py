"""Every write in the HMRC income area: importing a file, a caseworker's match, and the
current income check. Each runs in a transaction and records an audit event."""

from .checks import check_current_income
from .importing import ImportReport, import_income_file
from .matching import MatchError, match_by_hand

__all__ = [
    "ImportReport",
    "MatchError",
    "check_current_income",
    "import_income_file",
    "match_by_hand",
]
