"""Small openpyxl helpers shared by the adapters that write workbooks."""

from __future__ import annotations

from typing import Any


def put(cell, value: Any) -> None:
    """Write ``value`` as data: text copied from a submission that starts with '=' stays text.

    openpyxl turns any string beginning with '=' into a formula; a clerk's "=SUM(...)" or a
    hostile "=HYPERLINK(...)" must never become one in our outputs.
    """
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def anchor(ws, ref: str) -> str:
    """The top-left cell of the merged range holding ``ref``: covered cells cannot be written."""
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return rng.start_cell.coordinate
    return ref
