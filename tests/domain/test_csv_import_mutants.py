"""CSV import, the cases the mutation run found untested: blank and broken lines between rows, the row and size
limits on both sides, an unreadable row."""
from __future__ import annotations

import dataclasses

import pytest

from tension_desk.domain import limits
from tension_desk.domain.csv_import import (
    CsvFormatError,
    RowError,
    decode,
    parse_priorities_csv,
)

HEADER = "title,side,effort_weeks\n"


def test_a_blank_line_between_rows_imports_every_row():
    result = parse_priorities_csv((HEADER + "A,product,1\n\n  , ,\nB,engineering,2\nC,product,\n").encode())
    assert result.ok
    assert [(line, d.title) for line, d in result.rows] == [(2, "A"), (5, "B"), (6, "C")]


def test_a_row_with_the_wrong_number_of_fields_is_reported_and_the_rest_of_the_file_still_imports():
    result = parse_priorities_csv((HEADER + "A,product,1\nShort,product\nB,engineering,2\n").encode())
    assert [str(e) for e in result.errors] == ["line 3: 2 fields where the header has 3"]
    assert [(line, d.title) for line, d in result.rows] == [(2, "A"), (4, "B")]


def test_an_unreadable_row_is_reported_by_line_and_reading_stops_there():
    # a stray quote after a quoted field: where the next row starts can no longer be trusted
    result = parse_priorities_csv((HEADER + 'A,product,1\n"B"x,product,2\nC,product,3\n').encode())
    assert [e.line for e in result.errors] == [3]
    assert result.errors[0].reason.startswith("the row cannot be read")
    assert [line for line, _d in result.rows] == [2]


def test_a_file_of_exactly_the_row_limit_imports_and_one_more_row_is_refused():
    rows = "".join(f"T{i},product,1\n" for i in range(limits.CSV_ROWS))
    assert len(parse_priorities_csv((HEADER + rows).encode()).rows) == limits.CSV_ROWS
    with pytest.raises(CsvFormatError, match=f"^the file has more than {limits.CSV_ROWS} rows$"):
        parse_priorities_csv((HEADER + rows + "One too many,product,1\n").encode())


def test_bad_rows_count_towards_the_row_limit():
    half = limits.CSV_ROWS // 2
    good = "".join(f"T{i},product,1\n" for i in range(half))
    bad = "".join(f"T{i},design,1\n" for i in range(limits.CSV_ROWS - half))
    at_limit = parse_priorities_csv((HEADER + good + bad).encode())
    assert (len(at_limit.rows), len(at_limit.errors)) == (half, limits.CSV_ROWS - half)
    with pytest.raises(CsvFormatError, match="more than 10000 rows"):
        parse_priorities_csv((HEADER + good + bad + "X,design,1\n").encode())


def test_a_file_of_exactly_20_mb_is_read_and_one_byte_more_is_refused():
    assert limits.CSV_FILE == 20 * 1024 * 1024
    assert len(decode(b"a" * limits.CSV_FILE)) == limits.CSV_FILE
    with pytest.raises(CsvFormatError, match=r"^the file is larger than 20 MB$"):
        decode(b"a" * (limits.CSV_FILE + 1))


def test_a_row_error_reads_as_its_line_and_reason_and_stays_as_found():
    error = RowError(7, "the title is empty")
    assert str(error) == "line 7: the title is empty"
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'line'"):
        error.line = 8  # type: ignore[misc]
