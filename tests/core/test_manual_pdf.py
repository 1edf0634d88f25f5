"""scripts/manual builds the printable manual: an A4 PDF with every chapter, its pictures, and page images."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ("安装与第一次设置", "登记住户", "导入表格", "登记事件并走完八个环节", "记录走访", "打印台账", "U盘同步",
            "从备份恢复", "用户与权限")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_manual_builds_with_every_chapter_in_contents_and_body(tmp_path) -> None:
    out, pages = tmp_path / "manual.pdf", tmp_path / "pages"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "manual_pdf.py"), "--out", str(out), "--pages",
                    str(pages)], check=True, capture_output=True)
    reader = PdfReader(out)
    assert len(reader.pages) > 5
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4
    cover, contents = (reader.pages[i].extract_text() for i in (0, 1))
    assert "使用手册" in cover and "版本" in cover
    body = "".join(page.extract_text() for page in reader.pages[2:])
    for title in CHAPTERS:
        assert title in contents and title in body
    assert "— 3 —" in reader.pages[2].extract_text()  # page numbers
    assert sum(len(page.images) for page in reader.pages) >= 15  # the screenshots
    assert sorted(p.name for p in pages.iterdir()) == [f"page-0{i}.png" for i in range(1, 5)]


def test_every_picture_the_manual_names_exists() -> None:
    from gridapp.ledgers.manual_pdf import IMAGE_LINE

    for chapter in sorted((ROOT / "docs" / "manual").glob("[0-9][0-9]-*.md")):
        for line in chapter.read_text(encoding="utf-8").splitlines():
            match = IMAGE_LINE.match(line.strip())
            if match:
                assert (chapter.parent / match["path"]).is_file(), (chapter.name, match["path"])
