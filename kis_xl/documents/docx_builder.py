"""The few python-docx moves the bundled Word templates are written with (``Builder``).

Paragraphs of runs (each docxtpl tag inside one run, never split by formatting), tables
whose rows never split across pages and whose header rows repeat, A4 pages, fixed document
properties so a rebuilt template has the same parts. ``template_builder`` writes the texts of
the forms with it; nothing else depends on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Run = str | tuple[str, str]
"""Text, or (text, flags) where flags combine "b" bold, "i" italic, "s" small, "m" 9 pt."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Calibri"
BODY_PT = 11
SMALL_PT = 8
MEDIUM_PT = 9
_CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def _sized(run: Run, size: str) -> Run:
    """The run with the size flag added (a docxtpl tag keeps its single run)."""
    if not size:
        return run
    text, flags = (run, "") if isinstance(run, str) else run
    return text, flags + size


class Builder:
    """A thin layer over python-docx that keeps every tag in a single run."""

    def __init__(self, title: str) -> None:
        from docx import Document
        from docx.shared import Cm, Pt, RGBColor

        self.doc = Document()
        self._cm = Cm
        self._pt = Pt
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(4)
        for name, size in (("Title", 16), ("Heading 1", 13), ("Heading 2", 11.5)):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(10 if name != "Title" else 0)
            style.paragraph_format.space_after = Pt(4)
        title_style = self.doc.styles["Title"]
        title_style.paragraph_format.alignment = 1  # centred
        self._drop_title_border(title_style)
        self._polish_language()
        props = self.doc.core_properties
        props.title = title
        props.author = "kis-xl"
        props.last_modified_by = "kis-xl"
        props.comments = "Szablon dokumentu kis-xl (docxtpl). Znaczniki opisuje README."
        props.created = props.modified = _CREATED
        props.revision = 1

    def _polish_language(self) -> None:
        """The text is Polish (w:lang in the style defaults and the theme's font language),
        so Word checks its spelling in Polish instead of marking every word as English;
        east Asian and right-to-left defaults are Word's own for a Polish installation."""
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        for lang in styles.iter(qn("w:lang")):
            lang.set(qn("w:val"), "pl-PL")
            lang.set(qn("w:eastAsia"), "en-US")
            lang.set(qn("w:bidi"), "ar-SA")
        settings = self.doc.settings.element
        for lang in settings.iter(qn("w:themeFontLang")):
            lang.set(qn("w:val"), "pl-PL")
            lang.set(qn("w:eastAsia"), "en-US")

    @staticmethod
    def _drop_title_border(style: Any) -> None:
        """python-docx's default Title has a blue bottom border; official forms do not."""
        ppr = style.element.pPr
        if ppr is not None:
            for child in list(ppr):
                if child.tag.endswith("}pBdr"):
                    ppr.remove(child)

    # ------------------------------------------------------------------ text

    def _runs(self, paragraph: Any, runs: Sequence[Run]) -> None:
        for item in runs:
            text, flags = (item, "") if isinstance(item, str) else item
            run = paragraph.add_run(text)
            run.bold = True if "b" in flags else None
            run.italic = True if "i" in flags else None
            if "s" in flags:
                run.font.size = self._pt(SMALL_PT)
            elif "m" in flags:
                run.font.size = self._pt(MEDIUM_PT)

    def para(self, *runs: Run, align: str | None = None, style: str | None = None,
             indent: float | None = None, after: float | None = None,
             keep_next: bool = False) -> Any:
        p = self.doc.add_paragraph(style=style)
        self._runs(p, runs)
        self._format(p, align, indent, after, keep_next)
        return p

    def _format(self, p: Any, align: str | None, indent: float | None, after: float | None,
                keep_next: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if align:
            p.alignment = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                           "j": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        if indent is not None:
            p.paragraph_format.left_indent = self._cm(indent)
        if after is not None:
            p.paragraph_format.space_after = self._pt(after)
        if keep_next:
            p.paragraph_format.keep_with_next = True

    def title(self, text: str, *subtitle: str) -> None:
        self.doc.add_paragraph(text, style="Title")
        for line in subtitle:
            self.para(line, align="c")

    def heading(self, text: str, level: int = 1, *, page_break: bool = False) -> None:
        heading = self.doc.add_heading(text, level=level)
        if page_break:
            heading.paragraph_format.page_break_before = True

    def control(self, tag: str) -> None:
        """A paragraph holding only a ``{%p … %}`` tag (docxtpl removes the paragraph)."""
        self.doc.add_paragraph(tag)

    def loop(self, header: str, iterable: str, var: str, *item: Run, indent: float = 0.6,
             bullet: str = "–") -> None:
        """A heading line and one bullet paragraph per item of ``iterable``."""
        if header:
            self.para((header, "b"), keep_next=True)
        self.control(f"{{%p for {var} in {iterable} %}}")
        p = self.para(f"{bullet} " if bullet else "", *item, indent=indent, after=2)
        p.paragraph_format.first_line_indent = self._cm(-0.4)
        self.control("{%p endfor %}")

    def blank_lines(self, count: int, indent: float = 0.6) -> None:
        for _ in range(count):
            self.para("…" * 40, indent=indent, after=2)

    # ------------------------------------------------------------------ tables

    def table(self, headers: Sequence[str] | None, widths: Sequence[float], *,
              rows: Sequence[Sequence[Sequence[Run] | str]] = (),
              loop: tuple[str, str] | None = None,
              loop_row: Sequence[Sequence[Run] | str] = (),
              tail: Sequence[Sequence[Sequence[Run] | str]] = (),
              borders: bool = True, row_height: float | None = None,
              size: str = "") -> Any:
        """A table: header row, fixed rows, an optional ``{%tr for %}`` row, tail rows.
        ``size``: "m" sets every cell at 9 pt, so that a table of many figures fits the
        page width with its headers broken only where they carry a soft hyphen."""
        from docx.shared import Cm

        all_rows: list[Sequence[Sequence[Run] | str]] = []
        if headers:
            all_rows.append([[(h, "b")] for h in headers])
        all_rows.extend(rows)
        cols = len(widths)
        if loop:
            var, iterable = loop
            all_rows.append([f"{{%tr for {var} in {iterable} %}}"] + [""] * (cols - 1))
            all_rows.append(loop_row)
            all_rows.append(["{%tr endfor %}"] + [""] * (cols - 1))
        all_rows.extend(tail)
        table = self.doc.add_table(rows=len(all_rows), cols=cols)
        if borders:
            table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid: LibreOffice lays tables out by it
        for r, values in enumerate(all_rows):
            row = table.rows[r]
            if row_height and headers and r > 0:
                row.height = Cm(row_height)
            _row_property(row, "w:cantSplit")  # a row never breaks across two pages
            if headers and r == 0:
                _row_property(row, "w:tblHeader")  # repeated at the top of a next page
            for c, width in enumerate(widths):
                cell = row.cells[c]
                cell.width = Cm(width)
                value = values[c] if c < len(values) else ""
                runs: Sequence[Run] = [value] if isinstance(value, str) else value
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = self._pt(0)
                self._runs(paragraph, [_sized(x, size) for x in runs if x])
        self.para("", after=2)
        return table

    def signatures(self, *labels: tuple[str, str], below: Sequence[str] = ()) -> None:
        """Dotted signature lines side by side, each with its caption (and a printed name);
        ``below``: small lines under the name of the last signature (function, authority)."""
        self.para("", keep_next=True)
        cells = [[("…" * 17, "")] for _ in labels]
        names = [[(name, "")] if name else [""] for _, name in labels]
        captions = [[(f"({label})", "is")] for label, _ in labels]
        width = 17.0 / len(labels)
        more: list[Sequence[Sequence[Run] | str]] = [
            [*([""] * (len(labels) - 1)), [(line, "m")]] for line in below]
        table = self.table(None, [width] * len(labels), rows=[cells, captions, names, *more],
                           borders=False)
        for r, row in enumerate(table.rows):
            for cell in row.cells:
                cell.paragraphs[0].alignment = 1
                # the dotted line, its caption and the name stay on one page
                cell.paragraphs[0].paragraph_format.keep_with_next = r < len(table.rows) - 1

    def footer(self, *runs: Run) -> None:
        footer = self.doc.sections[0].footer
        p = footer.paragraphs[0]
        self._runs(p, [(r, "s") if isinstance(r, str) else (r[0], r[1] + "s") for r in runs])
        p.alignment = 1

    def footer_with_pages(self, *runs: Run, of_total: bool = False) -> None:
        """The footer's text, then "strona N" (restarting for each document of a combined
        print file, where each is its own section). ``of_total``: "strona N z M"; a combined
        print file drops "z M" (``combine.drop_page_totals``)."""
        self.footer(*runs, " – strona ")
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        self._field(paragraph, "PAGE", "1")
        if of_total:
            self._runs(paragraph, [(" z ", "s")])
            self._field(paragraph, "NUMPAGES", "1")

    def _field(self, paragraph: Any, code: str, shown: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), f" {code} ")
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(SMALL_PT * 2))
        props.append(size)
        run.append(props)
        text = OxmlElement("w:t")
        text.text = shown
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def margins(self, top: float, bottom: float) -> None:
        section = self.doc.sections[0]
        section.top_margin, section.bottom_margin = self._cm(top), self._cm(bottom)

    def save(self, path: Path) -> None:
        self.doc.save(str(path))


def _row_property(row: Any, tag: str) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(tag))
