"""The F1 help of each page: a short markdown text per page under ``resources/help/`` (Chinese) and
``resources/help/en/`` (English), named by the page's key (its ``help_topic``)."""

from __future__ import annotations

from gridapp.resources import resource_path


def help_file(topic: str, language: str = "zh"):
    """The markdown file of a topic in a language (English texts live in the ``en`` sibling folder)."""
    folder = ("help", "en") if language == "en" else ("help",)
    return resource_path(*folder, f"{topic}.md")


def help_markdown(topic: str, language: str = "zh") -> str:
    """The help text of a page; the Chinese one when a translation is missing."""
    path = help_file(topic, language)
    if not path.is_file():
        path = help_file(topic)
    return path.read_text(encoding="utf-8")
