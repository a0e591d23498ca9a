"""Real résumé files made on the fly: PDFs with fpdf2 and pypdf, DOCX with python-docx."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence
from datetime import datetime

import docx
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def make_pdf(pages: Sequence[str], *, hidden: str | None = None, tiny: str | None = None,
             created: datetime | None = None) -> bytes:
    """A PDF with a text layer; `hidden` is written in white, `tiny` in a 1-point font; `created`: the
    file's date (else now)."""
    pdf = FPDF()
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_auto_page_break(auto=True, margin=15)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    if hidden:
        pdf.set_text_color(255, 255, 255)
        pdf.multi_cell(0, 6, hidden, new_x="LMARGIN", new_y="NEXT")
    if tiny:
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", size=1)
        pdf.multi_cell(0, 1, tiny, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_image_only_pdf() -> bytes:
    """Looks like a scan: drawings on the page, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    for i in range(20):
        pdf.rect(10, 10 + i * 12, 150, 8, style="F")
    return bytes(pdf.output())


def make_encrypted_pdf(text: str) -> bytes:
    reader = PdfReader(io.BytesIO(make_pdf([text])))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(blocks: Sequence[tuple[str, str]], *, page_break_before: int | None = None,
              modified: datetime | None = None) -> bytes:
    """blocks: (heading, body) pairs; headings use Word's heading style as real résumés do. `modified`: the
    date an editor would have saved (else the python-docx template's, which says nothing)."""
    document = docx.Document()
    if modified is not None:
        document.core_properties.modified = modified
    for i, (heading, body) in enumerate(blocks):
        if page_break_before is not None and i == page_break_before:
            document.add_page_break()
        if heading:
            document.add_heading(heading, level=2)
        for line in body.splitlines():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_docx_bomb(unpacked_mb: int = 200) -> bytes:
    """A DOCX whose document.xml unpacks to hundreds of MB from a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b" " * 1_000_000
            for _ in range(unpacked_mb):
                member.write(block)
    return out.getvalue()


def make_plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


def make_many_pages_pdf(pages: int = 2000) -> bytes:
    """A valid PDF of `pages` pages in well under a second: one fpdf2 page added again and again with pypdf,
    every copy sharing the one content stream (about 150 bytes a page)."""
    one = make_pdf(["A page of a very long document, far longer than any résumé."])
    page = PdfReader(io.BytesIO(one)).pages[0]
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_corrupt_pdf(text: str) -> bytes:
    """A PDF whose header is right but whose middle (objects, streams, cross-references) is overwritten with
    random bytes, as a failed download or a bad disk leaves it; the same bytes every time."""
    data = bytearray(make_pdf([text]))
    rng = random.Random(7)
    for i in range(len(data) // 4, 3 * len(data) // 4):
        data[i] = rng.randrange(256)
    return bytes(data)


def make_png(width: int = 64, height: int = 64) -> bytes:
    """A real PNG image (a photo of a CV, say), written with zlib alone."""
    pixels = (bytes(v for x in range(width) for v in (x * 4 % 256, y * 4 % 256, 128)) for y in range(height))
    rows = b"".join(b"\x00" + row for row in pixels)  # filter byte 0, then RGB

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body
