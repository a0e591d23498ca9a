"""PDF text by page with pypdf (the only module that imports it), noticing text a reader cannot see."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdf
from pypdf.errors import FileNotDecryptedError, PyPdfError

from core.errors import UnreadableResume

log = logging.getLogger(__name__)

_TINY_POINTS = 2.0  # text this small cannot be read when printed: a classic place to hide keywords
_HIDDEN_MIN_CHARS = 20


@dataclass
class PdfPages:
    texts: list[str]
    hidden_text: bool
    # pypdf recovered from damage (a broken cross-reference table, a stream that would not decompress):
    # when such a file yields no text, it is damaged rather than a scan.
    damaged: bool = False
    written: str | None = None  # "YYYY-MM" of the file's modification (or creation) date, if it has one


@dataclass
class _HiddenTextWatcher:
    """Follows the fill colour and render mode while pypdf walks a page's content stream."""

    white: bool = False
    invisible: bool = False
    segments: list[str] = field(default_factory=list)

    def before_operator(self, operator: bytes, operands: list[Any], _cm: Any, _tm: Any) -> None:
        values = _numbers(operands)
        if operator == b"rg" and len(values) == 3:
            self.white = min(values) > 0.95
        elif operator == b"g" and len(values) == 1:
            self.white = values[0] > 0.95
        elif operator == b"k" and len(values) == 4:
            self.white = max(values) < 0.05
        elif operator == b"Tr" and values:
            self.invisible = int(values[0]) == 3
        elif operator == b"BT":
            self.invisible = False

    def on_text(self, text: str, cm: Any, tm: Any, _font: Any, font_size: float) -> None:
        if not text.strip():
            return
        scale = abs(float(tm[3]) * float(cm[3])) or 1.0
        if self.white or self.invisible or font_size * scale < _TINY_POINTS:
            self.segments.append(text.strip())


def extract_pages(data: bytes, *, file_name: str, max_pages: int) -> PdfPages:
    """Visible text of every page; hidden text (white, invisible or tiny) is cut out and flagged.
    The page count is checked before any text is extracted, so a 2,000-page file costs almost nothing."""
    try:
        with _pypdf_warnings() as warnings:
            texts, hidden_chars, written = _read(data, file_name=file_name, max_pages=max_pages)
    except UnreadableResume:
        raise
    except FileNotDecryptedError as exc:
        raise UnreadableResume(f"{file_name}: the PDF is password-protected; upload an unprotected copy") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, NotImplementedError) as exc:
        # pypdf surfaces damaged files through many exception types; all mean the same to a recruiter.
        log.info("pdf unreadable file=%s error=%s", file_name, type(exc).__name__)
        raise UnreadableResume(f"{file_name}: the PDF is damaged and cannot be read; export it again") from exc
    return PdfPages(texts, hidden_chars >= _HIDDEN_MIN_CHARS, damaged=bool(warnings), written=written)


def _read(data: bytes, *, file_name: str, max_pages: int) -> tuple[list[str], int, str | None]:
    """Every page's visible text, the count of hidden characters and the file's date; too many pages fail
    first."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableResume(f"{file_name}: the PDF is password-protected; upload an unprotected copy")
    page_count = len(reader.pages)
    if page_count > max_pages:
        raise UnreadableResume(
            f"{file_name}: the PDF has {page_count:,} pages; résumés over {max_pages} pages are not accepted"
        )
    texts, hidden_chars = [], 0
    for page in reader.pages:
        watcher = _HiddenTextWatcher()
        text = page.extract_text(
            visitor_operand_before=watcher.before_operator, visitor_text=watcher.on_text
        )
        for segment in watcher.segments:
            hidden_chars += len(segment)
            text = text.replace(segment, " ")
        texts.append(text)
    return texts, hidden_chars, _written(reader)


def file_date(data: bytes) -> str | None:
    """The month the PDF says it was last saved, read without its text; None when it does not say."""
    try:
        return _written(pypdf.PdfReader(io.BytesIO(data)))
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        return None


def _written(reader: pypdf.PdfReader) -> str | None:
    """The month the PDF was last modified, or created; None when it does not say or says it badly."""
    try:
        info = reader.metadata
        when = info and (info.modification_date or info.creation_date)
    except (PyPdfError, ValueError, TypeError, AttributeError, KeyError):  # a malformed date string
        return None
    return f"{when.year:04d}-{when.month:02d}" if when else None


class _ThreadRecords(logging.Handler):
    """Keeps the warnings logged by one thread: the web server may parse in several threads at once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _pypdf_warnings() -> Iterator[list[logging.LogRecord]]:
    """What pypdf warned about while reading (it logs the damage it recovers from instead of raising)."""
    handler = _ThreadRecords()
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def _numbers(operands: list[Any]) -> list[float]:
    out = []
    for value in operands:
        try:
            out.append(float(value))
        except (TypeError, ValueError):
            return []
    return out
