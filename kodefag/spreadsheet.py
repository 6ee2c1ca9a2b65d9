"""CSV files people open in Excel or LibreOffice: one way to write them safely.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as
a formula by spreadsheets (CSV injection: ``=HYPERLINK(...)`` in a pupil's name would
become a link). Every CSV export writes cells through :func:`safe_cell`, which puts a
``'`` in front; the roster import removes it again when reading its own exports.
Files are UTF-8 with a BOM and ``;`` between cells, which Danish Excel opens as columns.
"""
import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    """A CSV file for Danish spreadsheets: BOM, semicolons, every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
