"""LedgerData to an A4 PDF: the shared page template (unit, title, scope, print date; 第 N 页 / 共 M 页),
sections as forms and tables, signature lines at the end (or under each section that asks for its own).

The page total is a form XObject drawn on every page and defined once, when the document is saved, so each
page is written once (no second layout pass, no page kept in memory to be numbered later). The story is made
as the pages are laid out and each finished page is compressed at once, so a 10,000-page county ledger takes
a few hundred MB, not its whole story and rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFBase85Encode, PDFName, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from gridapp.dto import PIN_COLOURS
from gridapp.errors import UserError, cannot_write
from gridapp.ledgers.charts import HEIGHT as CHART_HEIGHT
from gridapp.ledgers.charts import chart_drawing
from gridapp.ledgers.fonts import font_name
from gridapp.ledgers.model import LANDSCAPE, LedgerData, Mark, Section
from gridapp.ledgers.tables import (
    FONT_SIZE,
    LEADING,
    PAD_X,
    PAD_Y,
    CellMaker,
    PagedTable,
    RowCounter,
    RowFeed,
)
from gridapp.progress import Progress

MARGIN_X = 12 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 14 * mm
TOTAL_FORM = "pageTotal"
LABEL_WIDTH = 24 * mm
MIN_SECTION = 30 * mm  # a section title with less room than this below it moves to the next page
LABEL_FILL = colors.HexColor("#F2F2F2")
EMPTY = "（本范围内暂无记录）"
LEGEND = "图例：" + "　".join(f'<font color="{PIN_COLOURS[c]}">●</font> {name}' for c, name in (
    ("红", "红色住户"), ("黄", "黄色住户"), ("绿", "绿色住户"), ("", "房屋、场所"))) + "　（编号见下表）"
STORY_AHEAD = 8  # flowables taken from the story at a time
SIGNATURES = "填表人：＿＿＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"



class _Canvas(Canvas):
    """Compresses each page's content as soon as the page is finished (reportlab keeps every page until
    the file is saved: 10,000 pages of uncompressed text would take hundreds of MB), and defines the
    page-total form just before saving, when the number of pages is known."""

    pages = 0

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and page.stream:  # encoded as reportlab would encode it when saving
            filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
            encoded = page.stream
            for encoding in reversed(filters):
                encoded = encoding.encode(encoded)
            content = PDFStream(content=encoded)
            content.dictionary["Filter"] = PDFArray([PDFName(f.pdfname) for f in filters])
            content.__Comment__ = "page stream"
            page.Contents, page.stream = content, None

    def save(self) -> None:
        self.pages = self.getPageNumber() - 1
        self.beginForm(TOTAL_FORM, lowerx=0, lowery=-4, upperx=80, uppery=12)
        self.setFont(font_name(), 9)
        self.drawString(0, 0, f"{self.pages} 页")
        self.endForm()
        super().save()


class _Document(BaseDocTemplate):
    def __init__(self, path: str, data: LedgerData, progress: RowCounter, callback: Progress) -> None:
        size = landscape(A4) if data.orientation == LANDSCAPE else A4
        super().__init__(path, pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=data.title, author=data.unit, subject=data.scope,
                         creator="gridapp", initialFontName=font_name())  # else an unembedded Helvetica
        self.data = data
        self.progress = progress
        self.callback = callback
        self.font = font_name()
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, 0, 0, 0, 0, id="body")
        body = PageTemplate("body", [frame], onPage=self._header_footer)
        cover = PageTemplate("cover", [frame], onPage=self._footer)
        self.addPageTemplates([cover, body] if data.cover else [body])

    def build_from(self, story: Iterator[Flowable]) -> None:
        """Lays out ``story`` taking flowables from it a few at a time, never the whole of it."""
        self._story = story
        self._pending = list(islice(story, STORY_AHEAD)) or [Spacer(0, 0)]
        self.build(self._pending, canvasmaker=_Canvas)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        super().handle_flowable(flowables)  # also called for reportlab's own list of postponed actions
        if flowables is self._pending and len(flowables) < STORY_AHEAD:  # build() stops at an empty list
            flowables.extend(islice(self._story, STORY_AHEAD))

    def afterPage(self) -> None:
        self.callback.report(self.progress.done, self.progress.total)  # a safe point: stops if cancelled

    def _header_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        data, width, height = self.data, self.pagesize[0], self.pagesize[1]
        top = height - 11 * mm
        canvas.saveState()
        canvas.setFont(self.font, 15)
        canvas.drawCentredString(width / 2, top - 1 * mm, data.title)
        canvas.setFont(self.font, 9)
        canvas.drawString(MARGIN_X, top, data.unit)
        canvas.drawRightString(width - MARGIN_X, top, f"打印日期：{data.printed_on.isoformat()}")
        canvas.drawString(MARGIN_X, top - 6 * mm, "　".join(filter(None, (f"范围：{data.scope}", data.period_text))))
        if data.masked:
            canvas.drawRightString(width - MARGIN_X, top - 6 * mm, "身份证号、手机号已隐去中间位")
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, top - 8 * mm, width - MARGIN_X, top - 8 * mm)
        canvas.restoreState()
        self._footer(canvas, doc)

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 9)
        prefix = f"第 {doc.page} 页 / 共 "
        wide = stringWidth(prefix + "000 页", self.font, 9)
        x, y = (self.pagesize[0] - wide) / 2, 8 * mm
        canvas.drawString(x, y, prefix)
        canvas.translate(x + stringWidth(prefix, self.font, 9), y)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()


class _Story:
    """Yields the flowables of a ledger section by section, as the document asks for more, so that only the
    sections on the pages being laid out are ever held (a county booklet has 50,000 household pages)."""

    def __init__(self, data: LedgerData, width: float, progress: RowCounter) -> None:
        self.data = data
        self.width = width
        self.progress = progress
        self.font = font_name()
        self.cells = CellMaker(self.font)
        self.title = ParagraphStyle("section", fontName=self.font, fontSize=11, leading=15, spaceBefore=6,
                                    spaceAfter=4)
        self.note = ParagraphStyle("note", fontName=self.font, fontSize=FONT_SIZE, leading=LEADING)
        self.sign = ParagraphStyle("sign", parent=self.note, fontSize=10.5)
        self.signed = ParagraphStyle("signed", parent=self.sign, alignment=TA_RIGHT)
        self.flowables: list[Flowable] = []

    def build(self) -> Iterator[Flowable]:
        if self.data.cover:
            self._cover()
        signed = False  # each section signed itself: no signature lines at the end
        for i, section in enumerate(self.data.each_section()):
            if section.new_page and i:
                self.flowables.append(PageBreak())
            self._section(section)
            signed = signed or bool(section.signature)
            yield from self._taken()
        if not self.data.sections:
            self.flowables.append(Paragraph(EMPTY, self.note))
        if not signed:
            self.flowables += [CondPageBreak(24 * mm), Spacer(1, 10 * mm), Paragraph(SIGNATURES, self.sign)]
        yield from self._taken()

    def _taken(self) -> list[Flowable]:
        taken, self.flowables = self.flowables, []
        return taken

    def _cover(self) -> None:
        data = self.data

        def line(text: str, size: float, space: float) -> Paragraph:
            return Paragraph(escape(text), ParagraphStyle(f"cover{size}", fontName=self.font, fontSize=size,
                                                          leading=size * 1.4, alignment=TA_CENTER,
                                                          spaceBefore=space))

        self.flowables += [
            NextPageTemplate("body"), Spacer(1, 25 * mm), line(data.unit, 18, 0), line(data.title, 30, 14 * mm),
            line(data.scope, 16, 22 * mm), line(f"打印日期：{data.printed_on.isoformat()}", 13, 30 * mm),
        ]
        if data.masked:
            self.flowables.append(line("（本册身份证号、手机号已隐去中间位）", 11, 6 * mm))
        self.flowables.append(PageBreak())

    def _section(self, section: Section) -> None:
        if section.title:
            room = MIN_SECTION + (CHART_HEIGHT if section.chart else 0)  # a title never left without its chart
            self.flowables += [CondPageBreak(room), Paragraph(escape(section.title), self.title)]
        if section.fields:
            self.flowables.append(self._form(section.fields))
        if section.texts:
            self.flowables.append(self._lines(section.texts))
        if section.image:
            self.flowables.append(self._image(section.image, section.marks))
            if section.marks:
                self.flowables.append(Paragraph(LEGEND, self.note))
        if section.chart:
            self.flowables += [chart_drawing(section.chart, self.width), Spacer(1, 3 * mm)]
        if section.columns:
            feed = RowFeed(self.cells, section.columns, self._widths(section), section.rows)
            self.flowables.append(PagedTable(feed, self.progress, section.total))
            if not section.rows:
                self.flowables.append(Paragraph(EMPTY, self.note))
        if section.signature:
            self.flowables += [Spacer(1, 4 * mm), Paragraph(escape(section.signature), self.signed),
                               Spacer(1, 6 * mm)]

    def _widths(self, section: Section) -> list[float]:
        """The declared widths (mm) scaled so that the table fills the frame exactly."""
        declared = sum(c.width for c in section.columns)
        return [c.width * self.width / declared for c in section.columns]

    def _form(self, fields: tuple[tuple[str, str], ...]) -> Table:
        """Label/value pairs two to a row, as on the paper form."""
        value_width = (self.width - 2 * LABEL_WIDTH) / 2
        cells = [(self.cells.cell(label, LABEL_WIDTH, "center"), self.cells.cell(value, value_width, "left"))
                 for label, value in fields]
        if len(cells) % 2:
            cells.append(("", ""))
        rows = [[*cells[i], *cells[i + 1]] for i in range(0, len(cells), 2)]
        return Table(rows, colWidths=[LABEL_WIDTH, value_width] * 2, style=self._form_style(0, 2),
                     spaceAfter=4 * mm)

    def _lines(self, texts: tuple[tuple[str, str], ...]) -> Table:
        """Label/value pairs one to a row, for texts too long to share a row (a description, an opinion)."""
        value_width = self.width - LABEL_WIDTH
        rows = [[self.cells.cell(label, LABEL_WIDTH, "center"), self.cells.cell(value, value_width, "left")]
                for label, value in texts]
        return Table(rows, colWidths=[LABEL_WIDTH, value_width], style=self._form_style(0), spaceAfter=4 * mm)

    def _form_style(self, *label_columns: int) -> TableStyle:
        commands: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), self.font, FONT_SIZE, LEADING),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y + 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 1),
        ]
        for column in label_columns:
            commands += [("BACKGROUND", (column, 0), (column, -1), LABEL_FILL),
                         ("ALIGN", (column, 0), (column, -1), "CENTER")]
        return TableStyle(commands)

    def _image(self, path: str, marks: tuple[Mark, ...]) -> Flowable:
        """The picture at most the frame's width and 110 mm high (a plan map with pins 130 mm: a landscape page)."""
        image = Image(path)
        tallest = (130 if marks else 110) * mm
        scale = min(self.width / image.imageWidth, tallest / image.imageHeight, 1.0 if not marks else 10.0)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        image.spaceAfter = 2 * mm if marks else 4 * mm
        return _Marked(image, marks, self.font) if marks else image


class _Marked(Flowable):
    """An image with numbered round pins over it, each at its fractions of the picture's width and height."""

    RADIUS = 2.4 * mm

    def __init__(self, image: Image, marks: tuple[Mark, ...], font: str) -> None:
        super().__init__()
        self.image, self.marks, self.font = image, marks, font
        self.width, self.height = image.drawWidth, image.drawHeight
        self.spaceAfter = image.spaceAfter

    def draw(self) -> None:
        c = self.canv
        self.image.drawOn(c, 0, 0)
        c.setLineWidth(0.6)
        c.setStrokeColor(colors.white)
        for mark in self.marks:
            x, y = mark.x * self.width, (1 - mark.y) * self.height
            c.setFillColor(colors.HexColor(mark.colour))
            c.circle(x, y, self.RADIUS, stroke=1, fill=1)
            size = 6 if len(mark.number) < 3 else 4.6
            c.setFillColor(colors.white)
            c.setFont(self.font, size)
            c.drawCentredString(x, y - size * 0.35, mark.number)


def write_pdf(data: LedgerData, path: str | Path, progress: Progress | None = None) -> int:
    """Write ``data`` as a PDF at ``path`` and return its page count. A temporary file is renamed into place
    at the end, so a cancelled or failed run leaves nothing (and an old file at ``path`` stays as it was)."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    counter = RowCounter(max(data.row_count, 1))
    progress = progress or Progress()
    try:
        doc = _Document(str(temp), data, counter, progress)
        progress.report(0, counter.total)
        doc.build_from(_Story(data, doc.width, counter).build())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise cannot_write(target, exc) from exc
    except LayoutError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"台账排版失败，请把这条信息告诉维护人员：{exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    progress.report(counter.total, counter.total)
    return doc.canv.pages
