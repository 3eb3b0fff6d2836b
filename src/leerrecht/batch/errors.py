"""Input errors that name the file, line and column, so a user can fix the data."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input. The batch never produces a partial result: it stops with exit code 2."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        column: str | int | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f", regel {self.line}"
        if self.column is not None:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"
