"""The drop folder: HMRC's files arrive in settings.HMRC_INCOME_DROP_DIR. Each is claimed
by moving it into processing/ (a rename, so two workers never take the same file),
imported, then moved to done/ or, when refused whole, to failed/."""

import logging
from pathlib import Path

from .services import import_income_file

logger = logging.getLogger(__name__)

PROCESSING, DONE, FAILED = "processing", "done", "failed"


def _claim(path, folder):
    target = folder / PROCESSING / path.name
    try:
        path.rename(target)
    except FileNotFoundError:
        return None  # another worker took it
    return target


def _move(path, folder, where):
    target = folder / where / path.name
    if target.exists():
        target = target.with_name(f"{target.stem}-{path.stat().st_mtime_ns}{target.suffix}")
    path.rename(target)
    return target


def scan(folder):
    """Import each file waiting in `folder`; returns [(file name, outcome)]."""
    folder = Path(folder)
    for name in (PROCESSING, DONE, FAILED):
        (folder / name).mkdir(parents=True, exist_ok=True)
    outcomes = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        claimed = _claim(path, folder)
        if claimed is None:
            continue
        try:
            report = import_income_file(
                acting_user=None, file_name=path.name, data=claimed.read_bytes()
            )
        except Exception:
            logger.exception("HMRC income file %s could not be imported", path.name)
            _move(claimed, folder, FAILED)
            outcomes.append((path.name, "failed"))
            continue
        where = FAILED if report.refused else DONE
        _move(claimed, folder, where)
        outcomes.append((path.name, "repeated" if report.repeated else where))
    return outcomes
