"""Reading the project's TSV data files: one reader, one set of rules, errors that name file and line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from marsad.errors import DataError

LIST_SEP = "|"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its cells by column name, and where it came from (for error messages and `why?`)."""

    cells: dict[str, str]
    source: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default)

    def list(self, column: str) -> list[str]:
        """A `|`-separated cell as a list of non-empty, stripped items."""
        return [x.strip() for x in self.cells.get(column, "").split(LIST_SEP) if x.strip()]

    def fail(self, message: str) -> DataError:
        return DataError(f"{self.source}:{self.line}: {message}")


def package_data_path(package: str, *parts: str) -> Path:
    """Filesystem path of a data file shipped inside a marsad subpackage."""
    base = resources.files(package)
    for part in parts:
        base = base.joinpath(part)
    return Path(str(base))


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    """Rows of a TSV file with a header; `#` comments and blank lines skipped; every row validated
    to have exactly the header's number of columns and the `required` columns non-empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read data file: {exc}") from exc
    header: list[str] | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise DataError(f"{path}:{lineno}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) != len(header):
            raise DataError(f"{path}:{lineno}: expected {len(header)} tab-separated columns, found {len(cells)}")
        row = Row(dict(zip(header, (c.strip() for c in cells), strict=True)), str(path.name), lineno)
        for col in required:
            if not row.cells[col]:
                raise row.fail(f"column '{col}' is empty")
        yield row
    if header is None:
        raise DataError(f"{path}: no header row")
