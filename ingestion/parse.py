"""Bytes of an uploaded file -> ResumeDoc. The format is decided by content (magic bytes), never the name."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from core.errors import EmptyResume, FileTooLarge, UnreadableResume, UnsupportedFileType
from core.types import ResumeDoc, Section
from ingestion import docx_text, pdf_text
from ingestion.mojibake import repair
from ingestion.repetition import PAGE_MARKER, collapse_repeats
from ingestion.sections import split_sections

MIN_TEXT_CHARS = 40  # below this there is nothing a recruiter could search
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
                (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def detect_kind(data: bytes, file_name: str) -> str:
    """ "pdf", "docx" or "text"; raises UnsupportedFileType with what the file really is."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile as exc:
            raise UnreadableResume(f"{file_name}: the file is a damaged ZIP/DOCX archive") from exc
        raise UnsupportedFileType(f"{file_name}: this is a ZIP archive, not a résumé; unzip it and upload the files")
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFileType(
            f"{file_name}: old Word 97-2003 (.doc) files are not supported; save it as .docx or PDF and upload again"
        )
    for magic, image in _IMAGE_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFileType(f"{file_name}: unsupported file type: this is a {image} image, not a "
                                      "document; upload the résumé as PDF, DOCX or text (run OCR on a scan first)")
    if _decode_text(data) is not None:
        return "text"
    raise UnsupportedFileType(f"{file_name}: unsupported file type; upload a PDF, DOCX, TXT or Markdown file")


def parse_resume(data: bytes, *, upload_id: str, file_name: str, max_bytes: int, max_pages: int) -> ResumeDoc:
    """Parse a résumé or raise a ResumeRejected subclass whose message a recruiter understands."""
    if len(data) > max_bytes:
        raise FileTooLarge(
            f"{file_name}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit for one résumé"
        )
    if not data.strip():
        raise EmptyResume(f"{file_name}: the file is empty")
    kind = detect_kind(data, file_name)
    damaged, written = False, None
    if kind == "pdf":
        pages = pdf_text.extract_pages(data, file_name=file_name, max_pages=max_pages)
        hidden, damaged, written = pages.hidden_text, pages.damaged, pages.written
        page_texts = pages.texts
    elif kind == "docx":
        document = docx_text.extract_pages(data, file_name=file_name)
        page_texts, written = document.texts, document.written
        hidden = False
    else:
        page_texts = [_markdown_to_text(_decode_text(data) or "")]
        hidden = False
    # Stuffing runs across page breaks too: collapse the whole document, then split it into pages again.
    joined, repeated = collapse_repeats(f"\n{PAGE_MARKER}\n".join(clean_text(t) for t in page_texts))
    page_texts = [page.strip("\n") for page in joined.split(PAGE_MARKER)]
    sections = _sections(page_texts)
    if sum(len(s.text) for s in sections) < MIN_TEXT_CHARS:
        if damaged:  # pypdf recovered what it could, and that was nothing: not a scan, a broken file
            raise UnreadableResume(f"{file_name}: the PDF is damaged and cannot be read; export it again")
        if kind == "pdf":
            raise UnreadableResume(
                f"{file_name}: the PDF has no text layer (probably a scan); export it with text or run OCR first"
            )
        raise EmptyResume(f"{file_name}: the document has no readable text")
    return ResumeDoc(upload_id, file_name, kind, len(page_texts), tuple(sections), hidden, repeated,
                     written)


def file_date(data: bytes, kind: str) -> str | None:
    """The month a PDF or DOCX says it was last saved ("YYYY-MM"), for one parsed before parsing kept it."""
    if kind == "pdf":
        return pdf_text.file_date(data)
    if kind == "docx":
        return docx_text.file_date(data)
    return None


def _sections(page_texts: list[str]) -> list[Section]:
    sections: list[Section] = []
    heading, title = "header", ""
    for page_no, text in enumerate(page_texts, start=1):
        for block in split_sections(text.splitlines(), current=heading, title=title):
            sections.append(Section(block.heading, block.title, "\n".join(block.lines), page_no))
            heading, title = block.heading, block.title
    return sections


def clean_text(text: str) -> str:
    """Undo mojibake, NFKC-normalise, drop control characters and the blank fragment lines PDF extraction
    leaves."""
    text = unicodedata.normalize("NFKC", repair(text)).replace("\u00ad", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _decode_text(data: bytes) -> str | None:
    """Text if the bytes read as text; binary junk (NULs, many control bytes) gives None."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:8192]
        control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
        if sample and control / len(sample) < 0.01:
            return text
    return None


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)  # ATX headings become plain lines
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", text)  # keep link targets: they carry profile URLs
    return re.sub(r"(\*\*|__|`)", "", text)
