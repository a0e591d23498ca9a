from __future__ import annotations

from core.types import ResumeDoc, Section
from ingestion.chunk import chunk_resume, embedding_text
from ingestion.submit import safe_file_name


def doc(*sections: Section) -> ResumeDoc:
    return ResumeDoc("u1", "cv.pdf", "pdf", 2, tuple(sections))


def test_chunks_remember_section_and_page_and_stay_under_the_limit() -> None:
    long_experience = "\n".join(f"Led project {i}: migrated billing to Kubernetes and cut costs by {i}%." for i in range(40))
    chunks = chunk_resume(
        doc(Section("skills", "Skills", "Python, Go", 1), Section("experience", "Experience", long_experience, 2)),
        max_chars=300,
    )
    assert chunks[0].section == "skills" and chunks[0].page == 1 and chunks[0].text == "Python, Go"
    rest = chunks[1:]
    assert len(rest) > 5 and all(c.section == "experience" and c.page == 2 for c in rest)
    assert all(len(c.text) <= 300 for c in chunks)
    assert "\n".join(c.text for c in rest) == long_experience  # nothing lost, nothing repeated
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_one_endless_line_is_cut_at_sentences_then_spaces() -> None:
    sentence = "Managed accounts payable for twelve subsidiaries. "
    chunks = chunk_resume(doc(Section("experience", "Experience", sentence * 30 + "x" * 700, 1)), max_chars=200)
    assert all(len(c.text) <= 200 for c in chunks)
    assert chunks[0].text.endswith("subsidiaries.")


def test_ids_and_hashes_derive_from_content() -> None:
    a = chunk_resume(doc(Section("skills", "Skills", "Python, Go", 1)))
    b = chunk_resume(doc(Section("skills", "Skills", "Python, Go", 1)))
    c = chunk_resume(doc(Section("summary", "Summary", "Python, Go", 1)))
    assert a == b
    assert a[0].content_hash != c[0].content_hash  # same words in another section embed differently
    assert embedding_text(a[0]) == "skills: Python, Go"


def test_file_names_are_labels_not_paths() -> None:
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\ana\\cv.pdf") == "cv.pdf"
    assert safe_file_name("cv\x00\x1b[31m.pdf") == "cv[31m.pdf"
    assert safe_file_name("/") == "unnamed"
