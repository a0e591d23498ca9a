from __future__ import annotations

from ingestion.repetition import collapse_repeats


def test_a_phrase_repeated_back_to_back_counts_once() -> None:
    assert collapse_repeats("Skills: " + "Python Kubernetes Go " * 200 + "and SQL") == (
        "Skills: Python Kubernetes Go and SQL", True)


def test_lines_repeated_back_to_back_count_once_and_scattered_ones_twice_at_most() -> None:
    text = "\n".join(["Managed payroll for 300 employees"] * 5 + ["Python"] * 4)
    assert collapse_repeats(text) == ("Managed payroll for 300 employees\nPython", True)
    scattered = "\n".join(f"Managed payroll for 300 employees\n{year}" for year in (2019, 2020, 2021, 2022))
    assert collapse_repeats(scattered) == ("Managed payroll for 300 employees\n2019\n"
                                            "Managed payroll for 300 employees\n2020\n2021\n2022", True)


def test_honest_text_is_untouched() -> None:
    text = "Very very good results.\nLed the team, the team grew, and the team shipped.\nCity , State\nCity , State"
    assert collapse_repeats(text) == (text, False)


def test_a_stuffed_paragraph_wrapped_over_lines_is_found() -> None:
    stuffed = ("Head chef menu planning food safety " * 30).split()
    wrapped = "\n".join(" ".join(stuffed[i : i + 7]) for i in range(0, len(stuffed), 7))
    text, changed = collapse_repeats("Summary\n" + wrapped + "\nEducation")
    assert changed and text == "Summary\nHead chef menu planning food safety\nEducation"
