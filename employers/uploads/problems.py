"""Every problem found in an uploaded file, with its row and column, so the employer can
fix them all at once. A file of junk can have a problem on every row: reading stops
once a few hundred are found (noting the row), so no upload costs more than that."""

from __future__ import annotations

from dataclasses import dataclass, field

MAXIMUM_PROBLEMS_KEPT = 500


@dataclass(frozen=True, slots=True)
class UploadProblem:
    # Row 1 is the row of column names, as a spreadsheet numbers it.
    row: int
    # The column name, or "" when the problem is with the whole row or file.
    column: str
    message: str


@dataclass
class ProblemList:
    kept: list[UploadProblem] = field(default_factory=list)
    total: int = 0
    # The row where reading stopped because enough problems had been found.
    stopped_at_row: int | None = None

    def add(self, row: int, column: str, message) -> None:
        self.total += 1
        if len(self.kept) < MAXIMUM_PROBLEMS_KEPT:
            self.kept.append(UploadProblem(row, column, str(message)))

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    @property
    def not_shown(self) -> int:
        return self.total - len(self.kept)

    @property
    def full(self) -> bool:
        return len(self.kept) >= MAXIMUM_PROBLEMS_KEPT

    def sorted(self) -> list[UploadProblem]:
        return sorted(self.kept, key=lambda problem: (problem.row, problem.column))
