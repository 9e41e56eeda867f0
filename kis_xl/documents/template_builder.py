"""Builds the bundled Word templates (``templates/*.docx``) from code.

The templates are ordinary Word files that offices edit (wording, logo in
the header); what ships and what users change are the .docx files committed
in ``templates/``. This script is how developers produce them reproducibly
and review changes as code: run ``python -m kis_xl.documents.template_builder``
after editing it, and commit the regenerated files. A test fails when the
committed templates differ from what this script builds.

Rules the templates follow so that they render well and stay editable:
each docxtpl tag sits inside one run (never split by formatting); lists are
literal text, not Word numbering (so a combined print file does not count on
from one document into the next); pages are A4 with 2 cm margins (1.5 cm top
and bottom on the attendance list, so a group of about twenty fits one page).
Table columns are wide enough for their longest word ("indywidualne",
"poniedziałek", a date) in DejaVu Sans, which LibreOffice uses where Calibri
is missing: a word broken across lines reads as a mistake on an official form.
Table rows never split across pages and header rows repeat on the next page;
a signature block stays together.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Run = str | tuple[str, str]
"""Text, or (text, flags) where flags combine "b" bold, "i" italic, "s" small."""

FONT = "Calibri"
BODY_PT = 11
SMALL_PT = 8
_CREATED = datetime(2025, 1, 1, tzinfo=UTC)


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
        props = self.doc.core_properties
        props.title = title
        props.author = "kis-xl"
        props.last_modified_by = "kis-xl"
        props.comments = "Szablon dokumentu kis-xl (docxtpl). Znaczniki opisuje README."
        props.created = props.modified = _CREATED
        props.revision = 1

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

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

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
              borders: bool = True, row_height: float | None = None) -> Any:
        """A table: header row, fixed rows, an optional ``{%tr for %}`` row, tail rows."""
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
                self._runs(paragraph, [x for x in runs if x])
        self.para("", after=2)
        return table

    def signatures(self, *labels: tuple[str, str]) -> None:
        """Dotted signature lines side by side, each with its caption (and a printed name)."""
        self.para("", keep_next=True)
        cells = [[("…" * 17, "")] for _ in labels]
        names = [[(name, "")] if name else [""] for _, name in labels]
        captions = [[(f"({label})", "is")] for label, _ in labels]
        width = 17.0 / len(labels)
        table = self.table(None, [width] * len(labels), rows=[cells, captions, names],
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

    def margins(self, top: float, bottom: float) -> None:
        section = self.doc.sections[0]
        section.top_margin, section.bottom_margin = self._cm(top), self._cm(bottom)

    def save(self, path: Path) -> None:
        self.doc.save(str(path))


def _row_property(row: Any, tag: str) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(tag))


# ----------------------------------------------------------------------------- templates


def _place_date(b: Builder, date_tag: str) -> None:
    b.para("{{ klub.miejscowosc }}, dnia " + date_tag, align="r")


def build_contract() -> Builder:
    b = Builder("Kontrakt socjalny")
    b.table(None, [9.0, 8.0], rows=[
        ["", [("{{ kontrakt.data_zawarcia|data_krotka }}", "")]],
        [[("(pieczęć ośrodka pomocy społecznej)", "is")],
         [("Data zawarcia kontraktu socjalnego", "is")]],
    ], borders=False)
    b.title("KONTRAKT SOCJALNY")
    b.para("określający sposób współdziałania między:", align="c")
    b.para("1) osobą/rodziną a pracownikiem socjalnym w zakresie rozwiązywania trudnej "
           "sytuacji życiowej (część I A i II A);", align="j")
    b.para("2) osobą a pracownikiem socjalnym w celu wzmocnienia aktywności i samodzielności "
           "życiowej, zawodowej lub przeciwdziałania wykluczeniu społecznemu "
           "(część I B i II B).", align="j")
    b.para(("Kontrakt zawierany w związku z uczestnictwem w zajęciach klubu „", "i"),
           ("{{ klub.nazwa }}", "i"), ("” (art. 18 ust. 4 ustawy o zatrudnieniu socjalnym).", "i"))

    b.heading("CZĘŚĆ I")
    b.heading("1. Strony kontraktu", 2)
    b.para(("Osoba:", "b"))
    b.table(["Nazwisko", "Imię", "Adres zamieszkania/pobytu", "PESEL"], [3.8, 3.2, 6.8, 3.2],
            rows=[["{{ osoba.nazwisko }}", "{{ osoba.imie }}", "{{ osoba.adres }}",
                   "{{ osoba.pesel }}"]])
    b.para(("Członkowie rodziny (wypełnia się przy kontrakcie z rodziną):", "b"))
    b.table(["Nazwisko", "Imię", "PESEL"], [6.0, 6.0, 5.0],
            rows=[["", "", ""] for _ in range(3)], row_height=0.7)
    b.para(("Pracownik socjalny:", "b"))
    b.table(["Nazwisko", "Imię", "Telefon"], [6.0, 6.0, 5.0],
            rows=[["{{ pracownik.nazwisko }}", "{{ pracownik.imie }}",
                   "{{ pracownik.telefon }}"]])

    b.heading("2. Ocena sytuacji życiowej osoby/rodziny", 2)
    b.loop("Przyczyny trudnej sytuacji życiowej:", "przyczyny", "x", "{{ x }}")
    b.loop("Możliwości (mocne strony) osoby/rodziny:", "mocne_strony", "x", "{{ x }}")
    b.loop("Ograniczenia i bariery:", "ograniczenia", "x", "{{ x }}")

    b.heading("3. Cele kontraktu", 2)
    b.para(("Cel główny: ", "b"), "{{ cel_glowny }}")
    b.loop("Cele szczegółowe:", "cele", "x", "{{ x }}")

    b.heading("4. Uzgodnione działania stron i terminy ich realizacji", 2)
    b.table(["Lp.", "Działania osoby/rodziny", "Termin", "Działania pracownika socjalnego",
             "Termin"], [1.2, 5.0, 2.9, 5.0, 2.9],
            loop=("r", "dzialania"),
            loop_row=["{{ r.lp }}", "{{ r.uczestnik }}", "{{ r.termin_uczestnika|data_krotka }}",
                      "{{ r.pracownik }}", "{{ r.termin_pracownika|data_krotka }}"])

    b.heading("5. Przewidywane efekty", 2)
    b.loop("", "efekty", "x", "{{ x }}")

    b.heading("6. Okres obowiązywania kontraktu", 2)
    b.para("od {{ kontrakt.okres_od }} do {{ kontrakt.okres_do }}")

    b.heading("7. Postanowienia", 2)
    b.para("Strony zobowiązują się do realizacji uzgodnionych działań w ustalonych terminach. "
           "Zmiany kontraktu wymagają zgody obu stron i są odnotowywane w części II.", align="j")
    b.para("Brak współdziałania z pracownikiem socjalnym, odmowa zawarcia kontraktu socjalnego "
           "lub niedotrzymywanie jego postanowień mogą stanowić podstawę do odmowy przyznania "
           "świadczenia, uchylenia decyzji o przyznaniu świadczenia lub wstrzymania świadczeń "
           "pieniężnych z pomocy społecznej (art. 11 ust. 2 ustawy o pomocy społecznej).",
           align="j")
    b.signatures(("podpis osoby/członków rodziny", "{{ osoba.imie_nazwisko }}"),
                 ("podpis pracownika socjalnego", "{{ pracownik.imie_nazwisko }}"))
    b.signatures(("podpis kierownika ośrodka lub osoby upoważnionej", "{{ klub.kierownik }}"))

    b.heading("CZĘŚĆ II")
    b.heading("Monitorowanie, zmiany i ocena realizacji kontraktu", 2)
    b.table(["Data", "Ocena realizacji, zmiany w kontrakcie", "Podpis osoby",
             "Podpis pracownika"], [2.9, 8.1, 3.0, 3.0],
            loop=("o", "oceny"),
            loop_row=["{{ o.data|data_krotka }}", "{{ o.tresc }}", "", ""])
    b.para(("Ocena końcowa realizacji kontraktu ", "b"),
           ("(cel osiągnięty / osiągnięty częściowo / nieosiągnięty – uzasadnienie):", "i"))
    b.blank_lines(3, indent=0)
    b.para("Data zakończenia kontraktu: {{ osoba.data_zakonczenia }}")
    b.signatures(("podpis osoby", ""), ("podpis pracownika socjalnego", ""))
    return b


def build_regulations() -> Builder:
    b = Builder("Regulamin organizacyjny KIS")
    b.title("REGULAMIN ORGANIZACYJNY", "{{ klub.nazwa }}")
    b.para(("Podmiot prowadzący: ", "b"), "{{ klub.podmiot }}", align="c")
    b.para(("Podstawa: ", "i"), ("{{ profil.podstawa }}", "i"), align="c")

    def par(number: int, *runs: Run) -> None:
        b.para((f"§ {number}", "b"), align="c", keep_next=True, after=2)
        b.para(*runs, align="j")

    par(1, "Regulamin organizacyjny określa zasady wewnętrznej organizacji oraz zakres "
           "działania klubu integracji społecznej „{{ klub.nazwa }}”, zwanego dalej „KIS” "
           "lub „Klubem”.")
    par(2, "KIS prowadzi {{ klub.podmiot }}; Klub działa w jego strukturze.")
    par(3, "Nadzór nad KIS sprawuje: {{ klub.nadzor }}.")
    par(4, "Osobami odpowiedzialnymi za działanie KIS są koordynator Klubu "
           "({{ klub.koordynator }}) oraz specjaliści pracujący w Klubie"
           "{% if funkcje_kadry %}: {{ funkcje_kadry|join(', ') }}{% endif %}.")
    par(5, "Siedzibą KIS jest: {{ klub.adres_pelny }}.")
    par(6, "Terenem działania KIS jest: {{ klub.teren }}.")
    par(7, "Uczestnikami zajęć w KIS mogą być osoby zagrożone lub dotknięte wykluczeniem "
           "społecznym ({{ profil.podstawa_kategorii }}), w szczególności:")
    b.loop("", "profil.kategorie", "k", "{{ k }}{% if loop.last %}.{% else %},{% endif %}")
    par(8, "Katalog grup kwalifikujących się do uczestnictwa w KIS może zostać rozszerzony "
           "o inne osoby, w zależności od potrzeb wynikających z rozeznania środowiska "
           "lokalnego{% if kategorie_klubu %}. Klub obejmuje ponadto: "
           "{{ kategorie_klubu|join(', ') }}{% endif %}.")
    par(9, "Uczestnikami KIS nie mogą być osoby, które mają prawo do następujących świadczeń "
           "({{ profil.podstawa_wykluczen }}):")
    b.loop("", "profil.wykluczenia", "w", "{{ w }}{% if loop.last %}.{% else %},{% endif %}")
    b.control("{%p if profil.wyjatek %}")
    b.para("{{ profil.wyjatek }}", align="j")
    b.control("{%p endif %}")
    par(10, "KIS organizuje działania o charakterze terapeutycznym, zatrudnieniowym "
            "i samopomocowym.")
    par(11, "W KIS można organizować i prowadzić w szczególności:")
    for item in (
        "programy zatrudnienia tymczasowego mające na celu pomoc w znalezieniu pracy na czas "
        "określony lub na czas wykonywania określonej pracy, u pracodawców, wykonywania usług "
        "na podstawie umów cywilnoprawnych oraz przygotowania do podjęcia zatrudnienia,",
        "poradnictwo prawne,",
        "działalność samopomocową w zakresie zatrudnienia, spraw mieszkaniowych i socjalnych.",
    ):
        p = b.para(f"– {item}", indent=0.6, after=2)
        p.paragraph_format.first_line_indent = b._cm(-0.4)
    par(12, "Uczestnictwo w KIS jest dobrowolne.")
    par(13, "Przyjęcie do KIS następuje na pisemny wniosek uczestnika.")
    par(14, "Podstawą przyjęcia jest podpisanie kontraktu socjalnego i przeprowadzenie "
            "wywiadu środowiskowego.")
    par(15, "{% if profil.okres_maksymalny %}Program KIS może być realizowany do "
            "{{ klub.max_miesiecy }} miesięcy.{% else %}Okres uczestnictwa w zajęciach KIS "
            "ustala się indywidualnie w kontrakcie socjalnym, nie dłużej niż "
            "{{ klub.max_miesiecy }} miesięcy.{% endif %}")
    par(16, "Nieprzestrzeganie regulaminu stanowi naruszenie obowiązków służbowych.")
    par(17, "Wszelkie zmiany w Regulaminie wymagają zatwierdzenia przez kierownika podmiotu "
            "prowadzącego.")
    b.para("")
    _place_date(b, "{{ dzis }}")
    b.signatures(("zatwierdzam – kierownik podmiotu prowadzącego", "{{ klub.kierownik }}"))
    b.footer("Regulamin organizacyjny – {{ klub.nazwa }}")
    return b


def build_application() -> Builder:
    b = Builder("Wniosek o przyjęcie do KIS")
    _place_date(b, "{{ osoba.data_wniosku }}")
    b.table(None, [9.0, 8.0], rows=[
        ["{{ osoba.imie_nazwisko }}", ""],
        [[("(imię i nazwisko)", "is")], ""],
        ["{{ osoba.adres }}", [("{{ klub.podmiot }}", "b")]],
        [[("(adres zamieszkania)", "is")], "{{ klub.podmiot_adres }}"],
        ["PESEL: {{ osoba.pesel }}", ""],
        ["tel.: {{ osoba.telefon }}", ""],
    ], borders=False)
    b.title("WNIOSEK", "o przyjęcie do klubu integracji społecznej")
    b.para("Zwracam się z prośbą o przyjęcie mnie w poczet uczestników klubu "
           "„{{ klub.nazwa }}” (§ 13 regulaminu Klubu).", align="j")
    b.para(("Oświadczam, że należę do następującej grupy osób zagrożonych wykluczeniem "
            "społecznym ", "b"), ("({{ profil.podstawa_kategorii }}):", "b"), align="j")
    b.loop("", "kategorie", "k", "{{ k.zaznaczona|znak }} {{ k.nazwa }}", bullet="")
    b.control("{%p if kategorie_rozszerzone %}")
    b.para(("albo do grupy, o którą Klub rozszerzył katalog ", "b"),
           ("({{ profil.podstawa_rozszerzenia }}):", "b"), align="j")
    b.loop("", "kategorie_rozszerzone", "k", "{{ k.zaznaczona|znak }} {{ k.nazwa }}",
           bullet="")
    b.control("{%p endif %}")
    b.para(("Oświadczam, że (zaznacz właściwe):", "b"))
    b.para("{{ brak_swiadczen|znak }} nie mam prawa do żadnego z niżej wymienionych świadczeń,",
           indent=0.6, after=2)
    b.para("{{ ma_swiadczenia|znak }} mam prawo do świadczenia ({{ profil.podstawa_wykluczen }}):",
           indent=0.6, after=2)
    b.loop("", "swiadczenia", "s", "{{ s.zaznaczone|znak }} {{ s.nazwa }}", indent=1.2,
           bullet="")
    b.control("{%p if profil.wyjatek %}")
    b.para(("{{ profil.wyjatek }}", "i"), align="j")
    b.control("{%p endif %}")
    b.para(("Krótki opis sytuacji życiowej i oczekiwań wobec Klubu:", "b"))
    b.blank_lines(4, indent=0)
    b.para("Wyrażam zgodę na przeprowadzenie wywiadu środowiskowego i zawarcie kontraktu "
           "socjalnego (§ 14 regulaminu Klubu).", align="j")
    b.para("Wyrażam zgodę na przetwarzanie moich danych osobowych, w tym danych dotyczących "
           "zdrowia, w celu rozpatrzenia wniosku i realizacji uczestnictwa w Klubie "
           "(art. 6 ust. 1 lit. a i art. 9 ust. 2 lit. a RODO).", align="j")
    b.para("Jestem {{ osoba|rodzaj('świadomy', 'świadoma') }} odpowiedzialności za złożenie "
           "oświadczenia niezgodnego z prawdą.", align="j")
    b.signatures(("czytelny podpis wnioskodawcy", "{{ osoba.imie_nazwisko }}"))
    b.heading("Adnotacje Klubu", 2)
    b.table(None, [8.5, 8.5], rows=[
        ["Data wpływu wniosku:", "{{ osoba.data_wniosku|data_krotka }}"],
        ["Wywiad środowiskowy przeprowadzono dnia:", "{{ osoba.data_wywiadu|data_krotka }}"],
        ["Kontrakt socjalny zawarto dnia:", "{{ osoba.data_kontraktu|data_krotka }}"],
        ["Przyjęto do Klubu od dnia:", "{{ osoba.data_rozpoczecia|data_krotka }}"],
        ["Kategoria (art. 1 ust. 2 / regulamin):", "{{ osoba.kategoria }}"],
    ])
    b.signatures(("podpis koordynatora Klubu", "{{ klub.koordynator }}"))
    return b


def build_certificate() -> Builder:
    b = Builder("Zaświadczenie o uczestnictwie w KIS")
    b.table(None, [9.0, 8.0], rows=[
        ["", [("{{ klub.miejscowosc }}, dnia {{ osoba.data_zaswiadczenia|lub(dzis) }}", "")]],
        [[("(pieczęć podmiotu prowadzącego klub)", "is")], ""],
    ], borders=False)
    b.title("ZAŚWIADCZENIE", "o uczestnictwie w zajęciach klubu integracji społecznej")
    b.para("Na podstawie art. 18 ust. 5a ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu "
           "socjalnym podmiot prowadzący klub – {{ klub.podmiot }} – zaświadcza, że",
           align="j")
    b.para(("{{ osoba.pan }} {{ osoba.imie_nazwisko }}", "b"), align="c")
    b.para("PESEL {{ osoba.pesel }}, {{ osoba.urodzony }} {{ osoba.data_urodzenia }},",
           align="c")
    b.para("{{ osoba|rodzaj('uczestniczył', 'uczestniczyła') }} w zajęciach klubu "
           "„{{ klub.nazwa }}” w okresie od {{ udzial.od }} do {{ udzial.do }}"
           "{% if udzial.ukonczony %} i {{ osoba|rodzaj('ukończył', 'ukończyła') }} program "
           "uczestnictwa określony w kontrakcie socjalnym zawartym dnia "
           "{{ udzial.data_kontraktu }}{% endif %}.", align="j")
    b.para("W tym okresie {{ osoba|rodzaj('wziął', 'wzięła') }} udział w następujących "
           "zajęciach:", keep_next=True)
    b.table(["Lp.", "Zajęcia", "Rodzaj", "Forma", "Liczba godzin"], [1.2, 6.6, 3.6, 3.0, 2.6],
            loop=("z", "zajecia"),
            loop_row=["{{ loop.index }}", "{{ z.nazwa }}", "{{ z.rodzaj }}", "{{ z.forma }}",
                      "{{ z.godziny|liczba }}"])
    b.control("{%p if not zajecia %}")
    b.para(("Nie odnotowano obecności na zajęciach.", "i"))
    b.control("{%p endif %}")
    b.para("Liczba godzin według rodzaju zajęć:", keep_next=True)
    b.table(["Rodzaj zajęć", "Liczba godzin"], [8.0, 4.0],
            loop=("r", "rodzaje"),
            loop_row=["{{ r.rodzaj }}", "{{ r.godziny|liczba }}"],
            tail=[[[("Razem", "b")], [("{{ godziny_razem|liczba }}", "b")]]])
    b.para("Zaświadczenie wydaje się na wniosek "
           "{{ osoba|rodzaj('zainteresowanego', 'zainteresowanej') }}.")
    b.signatures(("podpis i pieczęć osoby upoważnionej", "{{ klub.kierownik }}"))
    return b


def build_attendance_list() -> Builder:
    b = Builder("Lista obecności")
    b.margins(1.5, 1.5)
    b.para(("{{ klub.nazwa }}", "s"), align="c")
    b.title("LISTA OBECNOŚCI")
    b.table(None, [4.0, 13.0], rows=[
        [[("Zajęcia:", "b")], "{{ zajecia.nazwa }} ({{ zajecia.forma }}, {{ zajecia.rodzaj }})"],
        [[("Data:", "b")], "{{ spotkanie.data }}"],
        [[("Godziny:", "b")],
         "{{ spotkanie.od }}–{{ spotkanie.do }} ({{ spotkanie.godziny|godziny }})"],
        [[("Miejsce:", "b")], "{{ spotkanie.miejsce }}"],
        [[("Temat:", "b")], "{{ spotkanie.temat }}"],
        [[("Prowadzący:", "b")], "{{ spotkanie.prowadzacy }}"],
    ], borders=False)
    b.table(["Lp.", "Imię i nazwisko", "ID", "Podpis uczestnika"], [1.2, 7.3, 2.2, 6.3],
            loop=("u", "uczestnicy"),
            loop_row=["{{ u.lp }}", "{{ u.imie_nazwisko }}", "{{ u.id|lub('') }}", ""],
            row_height=0.7)
    b.signatures(("podpis prowadzącego", "{{ spotkanie.prowadzacy }}"))
    b.footer("Lista obecności – {{ zajecia.nazwa }} – {{ spotkanie.data|data_krotka }}")
    return b


def build_programme() -> Builder:
    b = Builder("Program KIS")
    b.title("PROGRAM KLUBU INTEGRACJI SPOŁECZNEJ", "{{ klub.nazwa }}")
    b.para(("Autor programu: ", "b"), "{{ klub.podmiot }}")
    b.heading("1. Partnerzy programu")
    b.loop("", "partnerzy", "p", "{{ p.nazwa }}{% if p.zakres %} – {{ p.zakres }}{% endif %}",
           bullet="•")
    b.heading("2. Opis programu – spotkania ze specjalistami")
    b.control("{%p for s in specjalisci %}")
    b.para(("Program spotkań – {{ s.specjalista }}:", "b"), keep_next=True)
    b.control("{%p for z in s.zajecia %}")
    p = b.para("• {{ z.nazwa }} – spotkania {{ z.forma }} ({{ z.plan }})", indent=0.6, after=2)
    p.paragraph_format.first_line_indent = b._cm(-0.4)
    b.control("{%p endfor %}")
    b.control("{%p endfor %}")
    b.heading("3. Plan godzin")
    b.table(["Lp.", "Specjalista", "Zajęcia", "Forma", "Plan", "Godziny"],
            [1.2, 2.8, 4.6, 3.2, 2.9, 2.3],
            loop=("z", "zajecia"),
            loop_row=["{{ z.lp }}", "{{ z.specjalista }}", "{{ z.nazwa }}", "{{ z.forma }}",
                      "{{ z.plan }}", "{{ z.godziny|liczba }}"],
            tail=[["", "", [("Razem", "b")], "", "", [("{{ godziny_razem|liczba }}", "b")]]])
    b.heading("4. Tygodniowy harmonogram stałych zajęć i dyżurów")
    b.table(["Dzień", "Godziny", "Zajęcia lub dyżur", "Prowadzący", "Miejsce"],
            [3.2, 2.9, 4.2, 3.7, 3.0],
            loop=("t", "harmonogram"),
            loop_row=["{{ t.dzien }}", "{{ t.od }}–{{ t.do }}", "{{ t.nazwa }}",
                      "{{ t.prowadzacy }}", "{{ t.miejsce }}"])
    b.heading("5. Czas realizacji")
    b.para("Program jest realizowany w sposób ciągły od {{ klub.data_rozpoczecia }}.")
    b.heading("6. Spodziewane efekty")
    for line in ("Reintegracja społeczna osób uczestniczących w programie.",
                 "Reintegracja zawodowa uczestników programu."):
        b.para(f"• {line}", indent=0.6, after=2)
    b.para("")
    _place_date(b, "{{ dzis }}")
    b.signatures(("podpis kierownika podmiotu prowadzącego", "{{ klub.kierownik }}"))
    b.footer("Program – {{ klub.nazwa }}")
    return b


def build_register_entry() -> Builder:
    b = Builder("Zgłoszenie do rejestru KIS")
    _place_date(b, "{{ dzis }}")
    b.para(("{{ klub.urzad_wojewodzki }}", "b"), align="r", after=0)
    b.para(("(urząd wojewódzki prowadzący rejestr)", "is"), align="r")
    b.title("ZGŁOSZENIE", "do rejestru klubów integracji społecznej")
    b.para(("(formularz zgłoszenia według rozporządzenia w sprawie rejestru klubów integracji "
            "społecznej, Dz.U. z 2012 r. poz. 513)", "is"), align="c")
    b.heading("I. Dane podmiotu prowadzącego klub", 2)
    b.table(None, [7.0, 10.0], rows=[
        ["Pełna nazwa podmiotu", "{{ klub.podmiot }}"],
        ["Adres siedziby", "{{ klub.podmiot_adres }}"],
        ["Telefon", "{{ klub.podmiot_telefon }}"],
        ["Faks", "{{ klub.podmiot_faks }}"],
        ["Adres e-mail", "{{ klub.podmiot_email }}"],
        ["Numer w Krajowym Rejestrze Sądowym (organizacje pozarządowe)",
         "{{ klub.podmiot_krs }}"],
    ])
    b.heading("II. Dane klubu integracji społecznej", 2)
    b.table(None, [7.0, 10.0], rows=[
        ["Pełna nazwa klubu", "{{ klub.nazwa }}"],
        ["Miejscowość i adres", "{{ klub.adres_pelny }}"],
        ["Data utworzenia klubu", "{{ klub.data_utworzenia }}"],
        ["Data rozpoczęcia działalności", "{{ klub.data_rozpoczecia }}"],
        ["Imię i nazwisko osoby kierującej klubem", "{{ klub.koordynator }}"],
        ["Telefon", "{{ klub.telefon }}"],
        ["Adres e-mail", "{{ klub.email }}"],
    ])
    b.heading("Załączniki", 2)
    b.para("1. Kopia aktu utworzenia klubu (np. uchwały, zarządzenia, statutu).")
    b.signatures(("podpis osoby reprezentującej podmiot prowadzący", "{{ klub.kierownik }}"))
    return b


def build_report() -> Builder:
    """Sprawozdanie dla wojewody (art. 18a ust. 6). No form is set for KIS; the parts follow
    the act, their order and the general data the CIS report model (Dz.U. 2017 poz. 97)."""
    b = Builder("Sprawozdanie KIS")
    _place_date(b, "{{ dzis }}")
    b.para(("{{ klub.urzad_wojewodzki }}", "b"), align="r", after=0)
    b.para(("(wojewoda – adresat sprawozdania)", "is"), align="r")
    b.title("SPRAWOZDANIE",
            "z działalności klubu integracji społecznej za rok {{ sprawozdanie.rok }}")
    b.para(("(art. 18a ust. 6 ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym; układ "
            "wzorowany na sprawozdaniu centrum integracji społecznej, Dz.U. z 2017 r. poz. 97)",
            "is"), align="c")
    b.heading("I. Dane ogólne", 2)
    b.table(None, [7.0, 10.0], rows=[
        ["Pełna nazwa klubu", "{{ klub.nazwa }}"],
        ["Podmiot prowadzący klub", "{{ klub.podmiot }}"],
        ["REGON podmiotu prowadzącego", "{{ klub.podmiot_regon }}"],
        ["Adres podmiotu prowadzącego", "{{ klub.podmiot_adres }}"],
        ["Adres klubu", "{{ klub.adres_pelny }}"],
        ["Data utworzenia klubu", "{{ klub.data_utworzenia }}"],
        ["Data rozpoczęcia działalności", "{{ klub.data_rozpoczecia }}"],
        ["Osoba kierująca klubem", "{{ klub.koordynator }}"],
        ["Okres sprawozdawczy",
         "{{ sprawozdanie.okres_od|data_krotka }} – {{ sprawozdanie.okres_do|data_krotka }}"],
    ])
    b.heading("II. Kadra klubu (liczba osób, wymiar czasu pracy, podstawa zatrudnienia)", 2)
    b.para("Liczba osób: {{ sprawozdanie.kadra.osoby }}; łączny wymiar etatu: "
           "{{ sprawozdanie.kadra.etaty|liczba }}.")
    b.table(["Funkcja", "Podstawa zatrudnienia", "Liczba osób", "Wymiar etatu"],
            [5.0, 6.4, 2.8, 2.8],
            loop=("k", "sprawozdanie.kadra.funkcje"),
            loop_row=["{{ k.funkcja }}", "{{ k.podstawa }}", "{{ k.osoby }}",
                      "{{ k.etaty|liczba }}"],
            tail=[[[("Razem", "b")], "", [("{{ sprawozdanie.kadra.osoby }}", "b")],
                   [("{{ sprawozdanie.kadra.etaty|liczba }}", "b")]]])
    b.heading("III. Uczestnicy według kategorii (art. 1 ust. 2 ustawy) i efekty reintegracji", 2)
    headers = ["Nr", "Kategoria", "Uczest\u00adnicy", "Ukoń\u00adczyli",
               "Efekt spo\u00adłeczny", "Efekt zawo\u00addowy",
               "Zatrud\u00adnieni po ukoń\u00adczeniu"]
    widths = [1.0, 5.5, 2.1, 2.1, 2.1, 2.1, 2.1]

    def row(v: str) -> list[str]:
        return [f"{{{{ {v}.nr }}}}", f"{{{{ {v}.kategoria }}}}", f"{{{{ {v}.uczestnicy }}}}",
                f"{{{{ {v}.ukonczyli }}}}", f"{{{{ {v}.efekt_spoleczny }}}}",
                f"{{{{ {v}.efekt_zawodowy }}}}", f"{{{{ {v}.zatrudnieni_po_ukonczeniu }}}}"]

    b.table(headers, widths, loop=("c", "sprawozdanie.kategorie"), loop_row=row("c"))
    b.control("{%p if sprawozdanie.rozszerzenia %}")
    b.para(("Kategorie dopisane przez klub (§ 8 regulaminu klubu) – poza katalogiem art. 1 "
            "ust. 2 ustawy:", "b"), keep_next=True)
    b.table(headers, widths, loop=("c", "sprawozdanie.rozszerzenia"), loop_row=row("c"))
    b.control("{%p endif %}")
    total: list[Sequence[Run] | str] = [
        "", [("Razem (każdy uczestnik liczony raz)", "b")],
        *([(x, "b")] for x in row("sprawozdanie.razem")[2:])]
    b.table(None, widths, rows=[total])
    b.para(("Efekt społeczny: podjęcie leczenia, uregulowanie spraw prawnych, inny rezultat; "
            "efekt zawodowy: zatrudnienie w każdej formie, podniesienie kwalifikacji. "
            "Zatrudnieni po ukończeniu: zatrudnienie od rozpoczęcia udziału do "
            "{{ sprawozdanie.okno_miesiecy }} mies. po ukończeniu. Liczby osób, nie rezultatów.",
            "s"))
    b.control("{%p if sprawozdanie.ukrywanie %}")
    b.para(("„<3” – liczba 1 lub 2, nie podana, bo tak mała grupa pozwala rozpoznać osobę "
            "(art. 5 ust. 1 lit. c RODO); wiersz „Razem” podaje prawdziwe sumy.", "s"))
    b.control("{%p endif %}")
    b.heading("IV. Zajęcia zrealizowane w klubie i ich efekty", 2)
    b.table(["Lp.", "Zajęcia", "Forma", "Spotka\u00adnia", "Godziny zajęć",
             "Uczest\u00adnicy"],
            [1.2, 5.9, 3.1, 2.2, 2.5, 2.1],
            loop=("z", "sprawozdanie.zajecia"),
            loop_row=["{{ z.lp }}", "{{ z.nazwa }}", "{{ z.forma }}", "{{ z.spotkania }}",
                      "{{ z.godziny|liczba }}", "{{ z.uczestnicy }}"],
            tail=[["", [("Razem", "b")], "", [("{{ sprawozdanie.zajecia_razem.spotkania }}", "b")],
                   [("{{ sprawozdanie.zajecia_razem.godziny|liczba }}", "b")], ""]])
    b.para("Efekty zajęć – rezultaty uczestników osiągnięte w roku:", keep_next=True)
    b.table(["Rodzaj rezultatu", "Liczba rezultatów", "Liczba osób"], [11.0, 3.0, 3.0],
            loop=("e", "sprawozdanie.efekty"),
            loop_row=["{{ e.rodzaj }}", "{{ e.rezultaty }}", "{{ e.osoby }}"])
    b.heading("V. Rozliczenie dotacji otrzymanych za rok {{ sprawozdanie.rok }}", 2)
    b.table(["Źródło dotacji", "Przezna\u00adczenie", "Przyznana (zł)",
             "Wykorzy\u00adstana (zł)", "Zwrócona (zł)", "Data rozli\u00adczenia"],
            [3.4, 3.0, 2.6, 2.9, 2.6, 2.5],
            loop=("d", "sprawozdanie.dotacje"),
            loop_row=["{{ d.zrodlo }}", "{{ d.przeznaczenie }}", "{{ d.przyznana }}",
                      "{{ d.wykorzystana }}", "{{ d.zwrocona }}",
                      "{{ d.data_rozliczenia|data_krotka }}"],
            tail=[[[("Razem", "b")], "", [("{{ sprawozdanie.dotacje_razem.przyznana }}", "b")],
                   [("{{ sprawozdanie.dotacje_razem.wykorzystana }}", "b")],
                   [("{{ sprawozdanie.dotacje_razem.zwrocona }}", "b")], ""]])
    b.signatures(("sporządził(a)", "{{ klub.koordynator }}"),
                 ("kierownik podmiotu prowadzącego", "{{ klub.kierownik }}"))
    b.footer("Sprawozdanie za rok {{ sprawozdanie.rok }} – {{ klub.nazwa }}")
    return b


BUILDERS: dict[str, Callable[[], Builder]] = {
    "kontrakt_socjalny.docx": build_contract,
    "regulamin_kis.docx": build_regulations,
    "wniosek_o_przyjecie.docx": build_application,
    "zaswiadczenie.docx": build_certificate,
    "lista_obecnosci.docx": build_attendance_list,
    "program_kis.docx": build_programme,
    "wpis_do_rejestru.docx": build_register_entry,
    "sprawozdanie.docx": build_report,
}


def build_all(folder: Path) -> list[Path]:
    """Write every bundled template into ``folder``; returns the written paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in BUILDERS.items():
        path = folder / name
        build().save(path)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    from kis_xl.documents.locate import repo_templates_dir

    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else repo_templates_dir()
    for path in build_all(folder):
        print(path)


if __name__ == "__main__":
    main()
