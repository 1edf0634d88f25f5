"""The printable manual: docs/manual/*.md rendered to an A4 PDF in the program's own font, with a cover, a
table of contents and page numbers.

Only the markdown the manual uses is understood: ``#``/``##`` headings, paragraphs, ``1.`` and ``-`` lists,
``![caption](picture.png)`` on a line of its own, and ``**bold**``. It lives with the ledgers because reportlab
may only be imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from gridapp.ledgers.fonts import font_name

MARGIN = 20 * mm
MAX_PICTURE_HEIGHT = 110 * mm  # two pictures and their steps fit on a page
IMAGE_LINE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]+)\)$")
NUMBERED = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>.*)$")


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    version: str


def styles() -> dict[str, ParagraphStyle]:
    """Large, plain print for middle-aged readers: 12 pt body with generous leading."""
    font = font_name()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, spaceAfter=6, wordWrap="CJK")
    return {
        "body": body,
        "h1": ParagraphStyle("h1", parent=body, fontSize=22, leading=30, spaceBefore=6, spaceAfter=14,
                             textColor=colors.HexColor("#1f3b73")),
        "h2": ParagraphStyle("h2", parent=body, fontSize=15, leading=22, spaceBefore=10, spaceAfter=6),
        "item": ParagraphStyle("item", parent=body, leftIndent=9 * mm, bulletIndent=1 * mm, spaceAfter=4),
        "caption": ParagraphStyle("caption", parent=body, fontSize=10, leading=14, alignment=1,
                                  textColor=colors.grey),
        "cover": ParagraphStyle("cover", parent=body, fontSize=30, leading=42, alignment=1),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=16, leading=26, alignment=1),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=14, leading=26, leftIndent=6 * mm),
        "toc2": ParagraphStyle("toc2", parent=body, fontSize=11, leading=18, leftIndent=14 * mm),
    }


def inline(text: str) -> str:
    """Escape for reportlab's mini-HTML; **bold** is shown in colour (the bundled font has no bold face)."""
    return re.sub(r"\*\*(.+?)\*\*", r'<font color="#b22222">\1</font>', escape(text, quote=False))


class ManualDocument(BaseDocTemplate):
    """A4 pages with the page number at the foot; headings feed the table of contents."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title="使用手册")
        frame = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate("cover", [frame]),
                               PageTemplate("page", [frame], onPage=self.number_page)])

    @staticmethod
    def number_page(canvas, doc) -> None:
        canvas.setFont(font_name(), 10)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"— {doc.page} —")

    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))


def heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    paragraph = Paragraph(inline(text), style)
    paragraph.toc_level = level
    return paragraph


def picture(path: Path, caption: str, style: dict[str, ParagraphStyle]) -> KeepTogether:
    """A screenshot scaled to the text width (and at most MAX_PICTURE_HEIGHT), its caption below."""
    image = Image(str(path))
    width = A4[0] - 2 * MARGIN
    scale = min(width / image.imageWidth, MAX_PICTURE_HEIGHT / image.imageHeight, 1.0)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return KeepTogether([image, Paragraph(inline(caption), style["caption"])])


def chapter_flowables(source: Path, style: dict[str, ParagraphStyle]) -> list:
    """One markdown file as flowables; paragraphs are runs of lines separated by blank lines."""
    flowables: list = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            flowables.append(Paragraph(inline("".join(paragraph)), style["body"]))
            paragraph.clear()

    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        image, numbered = IMAGE_LINE.match(line), NUMBERED.match(line)
        if line and not (image or numbered or line.startswith(("#", "- "))):
            paragraph.append(line)
            continue
        flush()
        if line.startswith("## "):
            flowables.append(heading(line[3:], style["h2"], 1))
        elif line.startswith("# "):
            flowables.append(heading(line[2:], style["h1"], 0))
        elif image:
            flowables.append(picture((source.parent / image["path"]).resolve(), image["caption"], style))
        elif numbered:
            flowables.append(Paragraph(inline(numbered["text"]), style["item"], bulletText=f"{numbered['number']}."))
        elif line.startswith("- "):
            flowables.append(Paragraph(inline(line[2:]), style["item"], bulletText="•"))
    flush()
    return flowables


def build_manual(sources: list[Path], out: Path, cover: Cover) -> int:
    """Write the manual to ``out`` and return its number of pages."""
    style = styles()
    toc = TableOfContents()
    toc.levelStyles = [style["toc1"], style["toc2"]]
    story: list = [Spacer(1, 70 * mm), Paragraph(escape(cover.title), style["cover"]), Spacer(1, 12 * mm),
                   Paragraph(escape(cover.subtitle), style["cover_sub"]), Spacer(1, 60 * mm),
                   Paragraph(escape(cover.version), style["cover_sub"]),
                   NextPageTemplate("page"), PageBreak(), Paragraph("目录", style["h1"]), toc]
    for source in sources:
        story += [PageBreak(), *chapter_flowables(source, style)]
    document = ManualDocument(out)
    document.multiBuild(story)
    return document.page

