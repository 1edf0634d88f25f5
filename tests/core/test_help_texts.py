"""Every Chinese help text has an English sibling with the same steps."""

from __future__ import annotations

from gridapp.help_texts import help_file, help_markdown
from gridapp.resources import resource_path


def test_every_help_topic_is_translated_with_as_many_steps() -> None:
    topics = sorted(p.stem for p in resource_path("help").glob("*.md"))
    assert len(topics) >= 14
    for topic in topics:
        assert help_file(topic, "en").is_file(), topic
        chinese, english = help_markdown(topic), help_markdown(topic, "en")
        assert chinese.startswith("# ") and english.startswith("# ")
        assert chinese.count("\n1. ") == english.count("\n1. ") == 1
        assert sum(line[:1].isdigit() for line in chinese.splitlines()) == sum(
            line[:1].isdigit() for line in english.splitlines()), topic
