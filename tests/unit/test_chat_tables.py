"""Deleting a candidate marks what the chat showed of them as removed, in every thread, and nothing else."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import insert, select, update

from assistant.chat_tables import (
    REMOVED,
    REMOVED_FILE,
    ChatRecords,
    elements,
    mentions,
    metadata,
    steps,
    storage_path,
    threads,
)
from core.config import Settings


def _chat(tmp_path: Path) -> ChatRecords:
    chat = ChatRecords(Settings(data_dir=tmp_path))
    rows = [{"candidate_id": "ana", "name": "Ana"}, {"candidate_id": "ben", "name": "Ben"}]
    with chat.engine.begin() as db:
        saved = {"shortlist_rows": rows, "job": "Python", "shown": ["ben", "ana"]}
        db.execute(insert(threads), [{"id": "t1", "name": "Hiring", "metadata": json.dumps(saved)},
                                     {"id": "t2", "name": "Other", "metadata": None}])
        db.execute(insert(steps), [
            {"id": "table", "name": "Assistant", "type": "assistant_message", "threadId": "t1",
             "output": "| 1 | Ana | … | 2 | Ben |"},
            {"id": "upload", "name": "ana-lopez.pdf", "type": "tool", "threadId": "t1", "output": "indexed"},
            {"id": "about-ben", "name": "Assistant", "type": "assistant_message", "threadId": "t2",
             "output": "Ben knows Go [1]"},
        ])
        for element_id, name, kind in (("quote-ana", "[1]", "text"), ("cv-ana", "ana-lopez.pdf p.1", "pdf"),
                                       ("quote-ben", "[1]", "text")):
            key = f"user/{element_id}/{name}"
            storage_path(chat.files, key).parent.mkdir(parents=True, exist_ok=True)
            storage_path(chat.files, key).write_text(f"résumé text of {element_id}")
            db.execute(insert(elements).values(id=element_id, threadId="t1", type=kind, name=name, objectKey=key,
                                               mime="application/pdf" if kind == "pdf" else "text/plain", page=1))
    chat.record_mentions(["ana", "ben"], thread_id="t1", step_id="table")
    chat.record_mentions(["ana"], thread_id="t1", step_id="upload", element_ids=["cv-ana"])
    chat.record_mentions(["ana"], thread_id="t1", element_ids=["quote-ana"])
    chat.record_mentions(["ben"], thread_id="t2", step_id="about-ben")
    chat.record_mentions(["ben"], thread_id="t1", element_ids=["quote-ben"])
    return chat


def test_forget_marks_every_message_and_element_that_showed_the_candidate(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    assert chat.forget_candidate("ana") == 4  # two messages, two elements
    with chat.engine.begin() as db:
        out = {r.id: r for r in db.execute(select(steps))}
        files = {r.id: r for r in db.execute(select(elements))}
        saved = json.loads(db.execute(select(threads.c.metadata).where(threads.c.id == "t1")).scalar())
    assert out["table"].output == REMOVED  # it named Ben too, but it showed Ana
    assert out["upload"].output == REMOVED and out["upload"].name == "removed file"  # the file name may name her
    assert out["about-ben"].output == "Ben knows Go [1]"
    for element_id in ("quote-ana", "cv-ana"):
        assert files[element_id].type == "text" and files[element_id].name == "removed"
        assert files[element_id].objectKey == f"user/{element_id}/removed"  # no file name left that may name her
        assert files[element_id].url == f"/chat-files/user__{element_id}__removed"
        assert storage_path(chat.files, files[element_id].objectKey).read_text() == REMOVED_FILE
    assert sorted(p.name for p in chat.files.iterdir()) == [
        "user__cv-ana__removed", "user__quote-ana__removed", "user__quote-ben__[1]".replace("[", "_").replace("]", "_")]
    assert files["quote-ben"].type == "text" and files["quote-ben"].name == "[1]"
    assert "quote-ben" in storage_path(chat.files, files["quote-ben"].objectKey).read_text()
    # "#2" pointed at Ana: now at nobody, and "#1" still at Ben
    assert saved == {"shortlist_rows": [{"candidate_id": "ben", "name": "Ben"}], "job": "Python",
                     "shown": ["ben", ""]}


def test_a_question_that_named_the_candidate_goes_with_its_run_step(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    with chat.engine.begin() as db:
        db.execute(insert(steps).values(id="ask", name="ana@example.com", type="user_message", threadId="t1",
                                        output="tell me about Ana Lopez"))
        db.execute(insert(steps).values(id="run", name="on_message", type="run", threadId="t1", parentId="ask",
                                        input="tell me about Ana Lopez", output=""))
        db.execute(insert(threads).values(id="t3", name="tell me about Ana Lopez"))  # named after its first
        db.execute(insert(steps).values(id="first", name="ana@example.com", type="user_message", threadId="t3",
                                        output="tell me about Ana Lopez"))
    chat.record_mentions(["ana"], thread_id="t1", step_id="ask")
    chat.record_mentions(["ana"], thread_id="t3", step_id="first")
    chat.forget_candidate("ana")
    with chat.engine.begin() as db:
        out = {r.id: r for r in db.execute(select(steps))}
        names = dict(db.execute(select(threads.c.id, threads.c.name)).all())
    assert out["ask"].output == REMOVED and out["run"].input == "" and out["first"].output == REMOVED
    assert names == {"t1": "Hiring", "t2": "Other", "t3": "Removed message"}  # t1 was named otherwise
    assert "Ana Lopez" not in repr(list(out.values()))


def test_what_an_open_page_must_change_names_no_resume_text(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    chat.forget_candidate("ana")
    assert chat.shown_as_removed("ana") == {
        "threads": ["t1"],
        "steps": [{"id": "table", "name": "Assistant", "output": REMOVED},
                  {"id": "upload", "name": "removed file", "output": REMOVED}],
        "elements": ["cv-ana", "quote-ana"],
    }
    assert chat.shown_as_removed("nobody") == {"threads": [], "steps": [], "elements": []}


def test_forget_is_idempotent_and_knows_unmentioned_candidates(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    chat.forget_candidate("ana")
    assert chat.forget_candidate("ana") == 4  # marking again changes nothing, fails on nothing
    assert chat.forget_candidate("nobody") == 0
    with chat.engine.begin() as db:
        assert db.execute(select(steps.c.output).where(steps.c.id == "about-ben")).scalar() == "Ben knows Go [1]"


def test_forget_user_deletes_their_threads_and_files_only(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    users = metadata.tables["users"]
    with chat.engine.begin() as db:
        db.execute(insert(users), [{"id": "user", "identifier": "ana@example.com", "metadata": "{}"},
                                   {"id": "other", "identifier": "ben@example.com", "metadata": "{}"}])
        db.execute(update(threads).where(threads.c.id == "t1").values(userId="user", userIdentifier="ana@example.com"))
        db.execute(update(threads).where(threads.c.id == "t2").values(userId="other", userIdentifier="ben@example.com"))
    (chat.files / "user__stray__cv.pdf").write_text("a file no row points to any more")
    (chat.files / "other__kept__cv.pdf").write_text("another user's file")

    assert chat.forget_user("ana@example.com") == 1
    with chat.engine.begin() as db:
        assert [r.id for r in db.execute(select(threads))] == ["t2"]
        assert [r.id for r in db.execute(select(steps))] == ["about-ben"]
        assert list(db.execute(select(elements))) == []
        assert {r.candidate_id for r in db.execute(select(mentions))} == {"ben"}  # t2's mention stays
        assert [r.identifier for r in db.execute(select(users))] == ["ben@example.com"]
    assert [p.name for p in chat.files.iterdir()] == ["other__kept__cv.pdf"]
    assert chat.forget_user("ana@example.com") == 0


def test_forget_session_copies_deletes_only_the_candidates_files(tmp_path: Path) -> None:
    chat = ChatRecords(Settings(data_dir=tmp_path))
    ana, same_size, ben = b"%PDF Ana's resume", b"%PDF Bo's resume!", b"PK Ben's resume"
    for session, name, data in (("s1", "f1", ana), ("s1", "f2", same_size), ("s2", "f3", ana), ("s2", "f4", ben)):
        (chat.session_files / session).mkdir(parents=True, exist_ok=True)
        (chat.session_files / session / name).write_bytes(data)

    assert chat.forget_session_copies({(hashlib.sha256(ana).hexdigest(), len(ana))}) == 2
    assert sorted(p.name for p in chat.session_files.glob("*/*")) == ["f2", "f4"]
    assert chat.forget_session_copies({(hashlib.sha256(ana).hexdigest(), len(ana))}) == 0
