"""DOCX text with python-docx (the only module that imports it), guarded against zip bombs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import docx
from docx.oxml.ns import qn

from core.errors import UnreadableResume

MAX_UNPACKED_BYTES = 50_000_000  # a real résumé unpacks to well under 10 MB even with photos
# python-docx's own template is dated so: a file made with it and never saved by an editor says nothing
# of when it was written.
_TEMPLATE_DATE = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)


@dataclass
class DocxPages:
    texts: list[str]
    written: str | None = None  # "YYYY-MM" the document was last modified (or created), if it says


def extract_pages(data: bytes, *, file_name: str) -> DocxPages:
    """Paragraph and table text, split into pages at explicit page breaks (DOCX has no fixed pages), and
    the document's date."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise UnreadableResume(
                f"{file_name}: the DOCX unpacks to {unpacked / 1e6:.0f} MB, far beyond any résumé; it was refused"
            )
        document = docx.Document(io.BytesIO(data))
    except UnreadableResume:
        raise
    except Exception as exc:  # python-docx raises bare KeyError/ValueError/lxml errors on damaged files
        raise UnreadableResume(f"{file_name}: the DOCX is damaged and cannot be read; save it again") from exc
    pages: list[list[str]] = [[]]
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            if _has_page_break(child):
                pages.append([])
            pages[-1].append("".join(node.text or "" for node in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = ["".join(n.text or "" for n in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                pages[-1].append(" | ".join(c for c in cells if c.strip()))
    texts = ["\n".join(lines) for lines in pages if any(line.strip() for line in lines)] or [""]
    return DocxPages(texts, _written(document))


def file_date(data: bytes) -> str | None:
    """The month the DOCX says it was last saved, read without its text; None when it does not say."""
    try:
        return _written(docx.Document(io.BytesIO(data)))
    except Exception:  # python-docx raises bare KeyError/ValueError/lxml errors on damaged files
        return None


def _written(document: object) -> str | None:
    try:
        properties = document.core_properties  # type: ignore[attr-defined]
        when = properties.modified or properties.created
    except (ValueError, TypeError, KeyError, AttributeError):  # a malformed date in docProps/core.xml
        return None
    if when is None or when.replace(tzinfo=when.tzinfo or UTC) == _TEMPLATE_DATE:
        return None
    return f"{when.year:04d}-{when.month:02d}"


def _has_page_break(paragraph: object) -> bool:
    for br in paragraph.iter(qn("w:br")):  # type: ignore[attr-defined]
        if br.get(qn("w:type")) == "page":
            return True
    return False
