"""Certificates and transcripts as PDF (fpdf2, embedded DejaVu font, selectable text, QR code by segno)."""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import segno
from fpdf import FPDF

from lms.credits.models import Certificate, LedgerEntry

FONTS = Path(__file__).resolve().parent / "fonts"


def _pdf(orientation: str = "L") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format="Letter")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def hours_text(hours: object) -> str:
    return f"{float(hours):.2f}".rstrip("0").rstrip(".")


def certificate_pdf(cert: Certificate, verify_url: str) -> bytes:
    pdf = _pdf()
    pdf.set_title(f"Certificate of completion: {cert.course_title}")
    pdf.set_font("DejaVu", "B", 26)
    pdf.cell(0, 18, "Certificate of Completion", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 13)
    pdf.cell(0, 9, "This certifies that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 22)
    pdf.cell(0, 14, cert.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 13)
    pdf.cell(0, 9, "completed the continuing education course", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, cert.course_title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    lines = [
        f"Completion date: {cert.completed_on.isoformat()}",
        f"Course type: {cert.delivery.replace('-', ' ').title()}",
        f"CE hours: {hours_text(cert.hours)} CE",
        f"Provider: {cert.provider_name}",
        f"Provider contact: {cert.provider_contact}",
        f"Provider approval number: {cert.provider_number or 'not stated'}",
        f"Verification code: {cert.code}",
    ]
    pdf.ln(4)
    for line in lines:
        pdf.cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(0, 7, f"Signed: {cert.signer or cert.provider_name}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, f"Verify at {verify_url}", align="C", new_x="LMARGIN", new_y="NEXT")
    qr = io.BytesIO()
    segno.make(verify_url, error="m").save(qr, kind="png", scale=4)
    qr.seek(0)
    pdf.image(qr, x=pdf.w - 50, y=pdf.h - 50, w=35, h=35)
    return bytes(pdf.output())


def transcript_pdf(holder: str, period: str, entries: Sequence[LedgerEntry]) -> bytes:
    pdf = _pdf("P")
    pdf.set_title(f"CE transcript: {holder}")
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 12, f"Continuing education transcript: {holder}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 7, f"Period: {period}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    total = 0.0
    with pdf.table(col_widths=(22, 70, 45, 18, 35), text_align="LEFT") as table:
        table.row(["Date", "Course", "Provider", "Hours", "Categories"])
        for e in entries:
            total += float(e.hours)
            table.row([e.completed_on.isoformat(), e.title + (" (reversal)" if e.reverses_id else ""),
                       f"{e.provider_name} {e.provider_number}".strip(), hours_text(e.hours), ", ".join(e.categories)])
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 7, f"Total: {hours_text(total)} CE hours", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
