"""Tables of figures that change over time, each entry in force from its `effective_from`.

Every statutory figure lives in one of these so a calculation for a past date uses the
figures in force on that date, and a figure announced but not yet law can sit in the code
with no date (`effective_from=None`) without ever being picked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import Generic, Protocol, TypeVar


class Dated(Protocol):
    @property
    def effective_from(self) -> date | None: ...


EntryT = TypeVar("EntryT", bound=Dated)


class NotInForceError(LookupError):
    """No entry of a table was in force on the date asked about."""

    def __init__(self, table: str, on_date: date, first_date: date | None):
        self.table = table
        self.on_date = on_date
        self.first_date = first_date
        if first_date is None:
            message = f"No {table} is in force on {on_date.isoformat()}"
        else:
            message = (
                f"No {table} is in force on {on_date.isoformat()}: "
                f"the first starts on {first_date.isoformat()}"
            )
        super().__init__(message)


class DatedTable(Generic[EntryT]):
    """Entries sorted by start date; an entry stays in force until the next one starts.

    Entries without a start date are announced but not in force, so lookups skip them;
    `announced` lists them for anyone who wants to show what is coming.
    """

    __slots__ = ("name", "in_force_entries", "announced", "_starts")

    def __init__(self, name: str, entries: Iterable[EntryT]):
        entries = tuple(entries)
        starts_by_entry = [(e.effective_from, e) for e in entries if e.effective_from is not None]
        starts_by_entry.sort(key=lambda pair: pair[0])
        dated = [entry for _, entry in starts_by_entry]
        starts = [start for start, _ in starts_by_entry]
        if len(set(starts)) != len(starts):
            raise ValueError(f"{name}: two entries start on the same date")
        self.name = name
        self.in_force_entries: tuple[EntryT, ...] = tuple(dated)
        self.announced: tuple[EntryT, ...] = tuple(e for e in entries if e.effective_from is None)
        self._starts: tuple[date, ...] = tuple(starts)

    def __repr__(self) -> str:
        return f"DatedTable({self.name!r}, {len(self.in_force_entries)} in force)"

    @property
    def first_date(self) -> date | None:
        return self._starts[0] if self._starts else None

    def find(self, on_date: date) -> EntryT | None:
        """The entry in force on `on_date`, or None before the first one starts."""
        index = bisect_right(self._starts, on_date)
        return self.in_force_entries[index - 1] if index else None

    def on(self, on_date: date) -> EntryT:
        """The entry in force on `on_date`; raises NotInForceError before the first."""
        entry = self.find(on_date)
        if entry is None:
            raise NotInForceError(self.name, on_date, self.first_date)
        return entry
