"""CSV parsing: all rows good, or every bad row named by its line number in the file."""
from __future__ import annotations

import pytest

from tension_desk.domain.csv_import import CsvFormatError, parse_priorities_csv
from tension_desk.domain.model import Side


def test_a_good_file_with_bom_crlf_any_case_side_and_quoted_newlines():
    data = ("\ufefftitle,side,description,effort_weeks,idea_date,link\r\n"
            "SSO,Product,\"Two deals\r\nwait on it\",5,2026-05-06,https://x\r\n"
            "Upgrade DB,ENGINEERING,,3.5,,\r\n").encode("utf-8")
    result = parse_priorities_csv(data)
    assert result.ok
    (l1, a), (l2, b) = result.rows
    assert (l1, l2) == (2, 4)  # the quoted field spans lines 2–3
    assert a.side is Side.PRODUCT and a.description == "Two deals\nwait on it" and a.effort_weeks == 5
    assert b.side is Side.ENGINEERING and b.effort_weeks == 3.5 and b.idea_date is None


def test_every_bad_row_is_reported_by_line_and_reason():
    data = (b"title,side,effort_weeks,idea_date\n"
            b"Good,product,1,2026-01-01\n"
            b",product,1,\n"
            b"Bad side,design,1,\n"
            b"Bad effort,engineering,-2,\n"
            b"Bad date,engineering,,31/12/2026\n"
            b"Too,many,fields,here,extra\n")
    result = parse_priorities_csv(data)
    assert [(e.line, e.reason) for e in result.errors] == [
        (3, "the title is empty"),
        (4, "side 'design' must be product or engineering"),
        (5, "effort_weeks '-2' is negative"),
        (6, "idea_date '31/12/2026' is not a date like 2026-11-24"),
        (7, "5 fields where the header has 4"),
    ]
    assert [line for line, _ in result.rows] == [2]


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"name,side\nx,product\n", "missing column title"),
    (b"title,side,colour\n", "unknown column 'colour'"),
    (b"title,side\n\xff\xfe bad", "not UTF-8"),
    (b"title,side\nA\x00,product\n", "NUL"),
])
def test_files_that_cannot_be_read_at_all(data, message):
    with pytest.raises(CsvFormatError, match=message):
        parse_priorities_csv(data)


def test_nan_and_infinite_efforts_are_refused():
    result = parse_priorities_csv(b"title,side,effort_weeks\nA,product,nan\nB,product,inf\nC,product,1e400\n")
    assert [e.line for e in result.errors] == [2, 3, 4]
    assert all("finite" in e.reason for e in result.errors)


def test_an_effort_with_thousands_separators_is_read_as_thousands():
    result = parse_priorities_csv(b'title,side,effort_weeks\nA,product,"1,000"\nB,product,"2,500.5"\nC,product,1000\n')
    assert result.ok
    assert [d.effort_weeks for _line, d in result.rows] == [1000, 2500.5, 1000]


@pytest.mark.parametrize("effort", ["1,5", "2,50", "1,0000", ",5", "1,000,00", "1_5"])
def test_an_effort_with_a_comma_that_is_not_a_thousands_separator_is_refused_naming_the_line(effort):
    data = f'title,side,effort_weeks\nGood,product,2\nBad,engineering,"{effort}"\n'.encode()
    result = parse_priorities_csv(data)
    assert [line for line, _d in result.rows] == [2]
    [error] = result.errors
    assert error.line == 3 and f"effort_weeks '{effort}'" in error.reason
    assert "thousands separator" in error.reason or "not a number" in error.reason


@pytest.mark.parametrize("title, shown", [
    ("Retitle\x1b]0;pwned\x07", "an escape character (\\x1b) at character 8"),
    ("Two\nlines", "a line break at character 4"),
    ("Tab\there", "a tab at character 4"),
    ("C1\x9bcontrol", "the control character U+009B at character 3"),
    ("Del\x7f", "the control character U+007F at character 4"),
])
def test_a_title_with_control_characters_is_refused_naming_the_line(title, shown):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([["title", "side", "description"], ["Good", "product", ""],
                                                   [title, "product", "keeps\nits lines\tand tabs"]])
    result = parse_priorities_csv(buf.getvalue().encode())
    assert [e.line for e in result.errors] == [3]
    assert result.errors[0].reason == f"the title holds {shown}; it must be one line of plain text"


def test_a_description_keeps_line_breaks_and_tabs_but_refuses_other_control_characters():
    data = b'title,side,description\nA,product,"one\r\ntwo\tthree"\nB,product,"bell\x07"\n'
    result = parse_priorities_csv(data)
    [(_line, draft)] = result.rows
    assert draft.description == "one\ntwo\tthree"
    assert [(e.line, e.reason) for e in result.errors] == [
        (4, "the description holds the control character U+0007 at character 5")]  # row 2 spans lines 2–3
