"""Transcripts: ledger entries for a period, as CSV (safe against spreadsheet formulas) and PDF."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from lms.credits.models import LedgerEntry
from lms.credits.pdf import hours_text
from lms.spreadsheet import safe_cell

HEADER = ["Completion date", "Course", "Provider", "Provider number", "CE hours", "Categories", "Delivery", "Source",
          "Certificate code", "Note"]


def in_period(entries: Sequence[LedgerEntry], start: date | None, end: date | None) -> list[LedgerEntry]:
    return [e for e in entries if (start is None or e.completed_on >= start) and (end is None or e.completed_on <= end)]


def to_csv(entries: Sequence[LedgerEntry], codes: dict[int, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for e in entries:
        note = f"reverses entry {e.reverses_id}: {e.reason}" if e.reverses_id else ""
        writer.writerow([e.completed_on.isoformat(), safe_cell(e.title), safe_cell(e.provider_name),
                         safe_cell(e.provider_number), hours_text(e.hours), safe_cell(", ".join(e.categories)),
                         e.delivery, e.source, codes.get(e.certificate_id or 0, ""), safe_cell(note)])
    return out.getvalue()
