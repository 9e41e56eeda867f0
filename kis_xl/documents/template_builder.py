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
and bottom on the attendance list, so a group of about twenty fits one page; the
weekly timetable is landscape, for the notice board).
Table columns are wide enough for their longest word ("indywidualne",
"poniedziałek", a date) in DejaVu Sans, which LibreOffice uses where Calibri
is missing: a word broken across lines reads as a mistake on an official form.
Table rows never split across pages and header rows repeat on the next page;
a signature block stays together.

Why one module: the rest is the wording of eleven official forms, one ``build_*``
function each (the python-docx toolkit they use is ``docx_builder``); they share a few
small helpers (place and date, signatures, numbering) and are reviewed as one text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kis_xl.documents.docx_builder import W_NS, Builder, Run

# ----------------------------------------------------------------------------- templates


def _place_date(b: Builder, date_tag: str) -> None:
    b.para("{{ klub.miejscowosc }}, dnia " + date_tag, align="r")


def build_contract() -> Builder:
    """Kontrakt socjalny after the model of Dz. U. z 2010 r. Nr 218, poz. 1439.

    The model has two variants; the document prints the one chosen in the "Kontrakty"
    sheet (B when none is) and labels its parts accordingly ("CZĘŚĆ I B", "CZĘŚĆ II B").
    """
    b = Builder("Kontrakt socjalny")
    b.table(None, [9.0, 8.0], rows=[
        ["", [("{{ kontrakt.data_zawarcia|data_krotka }}", "")]],
        [[("(pieczęć ośrodka pomocy społecznej)", "is")],
         [("Data zawarcia kontraktu socjalnego", "is")]],
    ], borders=False)
    b.title("KONTRAKT SOCJALNY")
    b.para("określający sposób współdziałania między {{ kontrakt.opis }} "
           "(część I {{ kontrakt.wariant }} i II {{ kontrakt.wariant }})", align="c")
    b.para(("Kontrakt dotyczy uczestnictwa w zajęciach, które prowadzi {{ klub.nazwa }} "
            "(art. 18 ust. 4 ustawy o zatrudnieniu socjalnym).", "i"), align="c")

    b.heading("{{ kontrakt.czesc_1 }}")
    b.heading("1. Strony kontraktu", 2)
    b.para(("Osoba:", "b"), keep_next=True)
    b.table(["Nazwisko", "Imię", "Adres zamieszkania/pobytu", "PESEL"], [3.8, 3.2, 6.8, 3.2],
            rows=[["{{ osoba.nazwisko }}", "{{ osoba.imie }}", "{{ osoba.adres }}",
                   "{{ osoba.pesel }}"]])
    b.control("{%p if kontrakt.z_rodzina %}")
    b.para(("Członkowie rodziny:", "b"), keep_next=True)
    b.table(["Nazwisko", "Imię", "PESEL"], [6.0, 6.0, 5.0],
            rows=[["", "", ""] for _ in range(3)], row_height=0.7)
    b.control("{%p endif %}")
    b.para(("Pracownik socjalny:", "b"), keep_next=True)
    b.table(["Nazwisko", "Imię", "Telefon"], [6.0, 6.0, 5.0],
            rows=[["{{ pracownik.nazwisko }}", "{{ pracownik.imie }}",
                   "{{ pracownik.telefon }}"]])

    b.heading("2. Ocena sytuacji życiowej {{ kontrakt.strony }}", 2)
    b.loop("Przyczyny trudnej sytuacji życiowej:", "przyczyny", "x", "{{ x }}")
    b.loop("Możliwości (mocne strony) {{ kontrakt.strony }}:", "mocne_strony", "x", "{{ x }}")
    b.loop("Ograniczenia i bariery:", "ograniczenia", "x", "{{ x }}")

    b.heading("3. Cele kontraktu i terminy ich realizacji", 2)
    b.para(("Cel główny: ", "b"), "{{ cel_glowny }}", keep_next=True)
    b.para("Termin realizacji celu głównego: {{ cel_glowny_termin|data_krotka }}")
    b.table(["Lp.", "Cel szczegółowy", "Termin realizacji"], [1.2, 12.4, 3.4],
            loop=("c", "cele_z_terminami"),
            loop_row=["{{ c.lp }}", "{{ c.tresc }}", "{{ c.termin|data_krotka }}"])

    b.heading("4. Uzgodnione działania stron i terminy ich realizacji", 2)
    b.table(["Lp.", "Działania {{ kontrakt.strony }}", "Termin",
             "Działania pracownika socjalnego", "Termin"], [1.2, 5.0, 2.9, 5.0, 2.9],
            loop=("r", "dzialania"),
            loop_row=["{{ r.lp }}", "{{ r.uczestnik }}", "{{ r.termin_uczestnika|data_krotka }}",
                      "{{ r.pracownik }}", "{{ r.termin_pracownika|data_krotka }}"])

    b.heading("5. Przewidywane efekty", 2)
    b.loop("", "efekty", "x", "{{ x }}")

    b.heading("6. Okres obowiązywania kontraktu", 2)
    b.para("od {{ kontrakt.okres_od|data_krotka }} do {{ kontrakt.okres_do|data_krotka }}")

    b.heading("7. Postanowienia", 2)
    b.para("Strony zobowiązują się do realizacji uzgodnionych działań w ustalonych terminach. "
           "Zmiany kontraktu wymagają zgody obu stron i są odnotowywane w części "
           "II {{ kontrakt.wariant }}.", align="j")
    # art. 11 ust. 2 concerns welfare benefits: said only to a person who receives them
    b.control("{%p if osoba.swiadczenia_pomocy_spolecznej %}")
    b.para("Brak współdziałania z pracownikiem socjalnym, odmowa zawarcia kontraktu socjalnego "
           "lub niedotrzymywanie jego postanowień mogą stanowić podstawę do odmowy przyznania "
           "świadczenia, uchylenia decyzji o przyznaniu świadczenia lub wstrzymania świadczeń "
           "pieniężnych z pomocy społecznej (art. 11 ust. 2 ustawy o pomocy społecznej).",
           align="j")
    b.control("{%p endif %}")
    b.signatures(("podpis osoby{% if kontrakt.z_rodzina %}/członków rodziny{% endif %}",
                  "{{ osoba.imie_nazwisko }}"),
                 ("podpis pracownika socjalnego", "{{ pracownik.imie_nazwisko }}"))
    b.signatures(("podpis kierownika ośrodka lub osoby upoważnionej", "{{ klub.kierownik }}"))

    b.heading("{{ kontrakt.czesc_2 }}", page_break=True)
    b.heading("Monitorowanie, zmiany i ocena realizacji kontraktu", 2)
    b.para(("Wpisy odręczne: data, przebieg realizacji, zmiany w kontrakcie i ich przyczyny.",
            "is"))
    b.table(["Data", "Ocena realizacji, zmiany w kontrakcie", "Podpis osoby",
             "Podpis pracownika"], [2.9, 8.1, 3.0, 3.0],
            loop=("o", "oceny"),
            loop_row=["{% if o.data %}{{ o.data|data_krotka }}{% endif %}",
                      "{{ o.tresc|lub('') }}", "", ""],
            tail=[["", "", "", ""] for _ in range(3)], row_height=2.2)
    b.para(("Ocena końcowa realizacji kontraktu ", "b"),
           ("(cel osiągnięty / osiągnięty częściowo / nieosiągnięty – uzasadnienie):", "i"),
           keep_next=True)
    b.blank_lines(5, indent=0)
    b.para("Data zakończenia kontraktu: {{ osoba.data_zakonczenia|data_krotka }}",
           keep_next=True)
    b.signatures(("podpis osoby", ""), ("podpis pracownika socjalnego", ""))
    b.footer_with_pages("Kontrakt socjalny – {{ osoba.imie_nazwisko }}", of_total=True)
    return b


def build_regulations() -> Builder:
    b = Builder("Regulamin organizacyjny KIS")
    b.title("REGULAMIN ORGANIZACYJNY", "{{ klub.nazwa }}")
    b.para(("Podmiot prowadzący: ", "b"), "{{ klub.podmiot }}", align="c")
    b.para(("Podstawa: ", "i"), ("{{ profil.podstawa }}", "i"), align="c")

    def par(number: int, *runs: Run) -> None:
        b.para((f"§ {number}", "b"), align="c", keep_next=True, after=2)
        if runs:
            b.para(*runs, align="j")

    def items(*lines: str) -> None:
        for line in lines:
            p = b.para(line, indent=0.6, after=2)
            p.paragraph_format.first_line_indent = b._cm(-0.4)

    par(1, "Regulamin organizacyjny określa zasady wewnętrznej organizacji oraz zakres "
           "działania klubu integracji społecznej „{{ klub.nazwa }}”, zwanego dalej „KIS” "
           "lub „Klubem”.")
    par(2, "Podmiotem prowadzącym KIS jest {{ klub.podmiot }}.{% if klub.jednostka %} "
           "Klub działa w strukturze jednostki realizującej jego zadania, którą jest "
           "{{ klub.jednostka }}.{% endif %}")
    par(3, "Nadzór nad KIS sprawuje {{ klub.nadzor }}.")
    par(4, "Osobami odpowiedzialnymi za działanie KIS są koordynator Klubu "
           "({{ klub.koordynator }}) oraz specjaliści pracujący w Klubie"
           "{% if funkcje_kadry %} ({{ funkcje_kadry|join(', ') }}){% endif %}.")
    par(5, "Siedziba KIS mieści się pod adresem {{ klub.adres_pelny }}.")
    par(6, "Terenem działania KIS jest {{ klub.teren }}.")
    par(7, "Uczestnikami zajęć w KIS mogą być osoby zagrożone lub dotknięte wykluczeniem "
           "społecznym ({{ profil.podstawa_kategorii }}), w szczególności:")
    b.loop("", "profil.kategorie", "k", "{{ k }}{% if loop.last %}.{% else %},{% endif %}")
    par(8, "Katalog grup kwalifikujących się do uczestnictwa w KIS może zostać rozszerzony "
           "o inne osoby, w zależności od potrzeb wynikających z rozeznania środowiska "
           "lokalnego.{% if kategorie_klubu %} Do uczestnictwa w Klubie kwalifikują się "
           "ponadto następujące grupy osób: {{ kategorie_klubu|join(', ') }}.{% endif %}")
    par(9, "Zgodnie z {{ profil.podstawa_wykluczen }} uczestnikami KIS nie mogą być osoby "
           "mające prawo do:")
    b.loop("", "profil.prawo_do", "w", "{{ w }}{% if loop.last %}.{% else %},{% endif %}")
    b.control("{%p if profil.wyjatek_regulaminu %}")
    b.para("{{ profil.wyjatek_regulaminu }}", align="j")
    b.control("{%p endif %}")
    par(10, "KIS organizuje działania o charakterze terapeutycznym, zatrudnieniowym "
            "i samopomocowym.")
    par(11, "W KIS można organizować i prowadzić w szczególności"
            "{% if profil.podstawa_form %} ({{ profil.podstawa_form }}){% endif %}:")
    b.loop("", "profil.formy_dzialan", "f",
           "{{ f }}{% if loop.last %}.{% else %},{% endif %}")
    par(12, "Uczestnictwo w KIS jest dobrowolne.")
    par(13, "Przyjęcie do KIS następuje na pisemny wniosek uczestnika.")
    par(14, "Podstawą przyjęcia jest podpisanie kontraktu socjalnego i przeprowadzenie "
            "wywiadu środowiskowego.")
    par(15, "{% if profil.okres_maksymalny %}Program KIS może być realizowany do "
            "{{ klub.max_miesiecy }} miesięcy.{% else %}Okres uczestnictwa w zajęciach KIS "
            "ustala się indywidualnie w kontrakcie socjalnym, nie dłużej niż "
            "{{ klub.max_miesiecy }} miesięcy.{% endif %}")
    par(16, "Uczestnik KIS ma prawo do:")
    items(
        "1) udziału w zajęciach KIS określonych w kontrakcie socjalnym,",
        "2) korzystania z poradnictwa i wsparcia specjalistów pracujących w Klubie,",
        "3) poszanowania godności, prywatności i tajemnicy informacji o swojej sytuacji,",
        "4) zgłaszania koordynatorowi Klubu uwag i wniosków dotyczących zajęć,",
        "5) otrzymania zaświadczenia o uczestnictwie w zajęciach po zakończeniu uczestnictwa "
        "(art. 18 ust. 5a ustawy o zatrudnieniu socjalnym).",
    )
    par(17, "Uczestnik KIS jest obowiązany do:")
    items(
        "1) przestrzegania Regulaminu i postanowień kontraktu socjalnego,",
        "2) regularnego udziału w zajęciach i potwierdzania obecności podpisem na liście "
        "obecności,",
        "3) usprawiedliwiania nieobecności na zajęciach,",
        "4) niezwłocznego informowania koordynatora Klubu o zmianach sytuacji mających wpływ "
        "na uczestnictwo, w szczególności o nabyciu prawa do świadczenia, o którym mowa w § 9,",
        "5) poszanowania innych uczestników, kadry oraz mienia Klubu.",
    )
    par(18, "Uczestnictwo w KIS kończy się z powodu:")
    items(
        "1) upływu okresu uczestnictwa określonego w kontrakcie socjalnym lub zrealizowania "
        "programu,",
        "2) rezygnacji uczestnika złożonej na piśmie,",
        "3) nabycia przez uczestnika prawa do świadczenia, o którym mowa w § 9,",
        "4) rażącego lub uporczywego naruszania przez uczestnika Regulaminu lub postanowień "
        "kontraktu socjalnego, w tym długotrwałej nieusprawiedliwionej nieobecności "
        "na zajęciach.",
    )
    b.para("Nieprzestrzeganie przez uczestnika Regulaminu lub postanowień kontraktu "
           "socjalnego może skutkować upomnieniem udzielonym przez koordynatora Klubu, a w "
           "przypadkach, o których mowa w pkt 4, zakończeniem uczestnictwa. O zakończeniu "
           "uczestnictwa z przyczyn, o których mowa w pkt 3 i 4, uczestnik jest informowany "
           "na piśmie, z podaniem przyczyny. Po zakończeniu uczestnictwa podmiot prowadzący "
           "niezwłocznie wydaje uczestnikowi zaświadczenie o zakończeniu uczestnictwa w zajęciach "
           "KIS (art. 18 ust. 5a ustawy).",
           align="j")
    par(19, "Administratorem danych osobowych uczestników jest "
            "{% if klub.jednostka %}{{ klub.jednostka }}{% else %}{{ klub.podmiot }}{% endif %}. "
            "Dane przetwarzane są w celu realizacji zadań KIS określonych w ustawie "
            "o zatrudnieniu socjalnym (art. 6 ust. 1 lit. c i e RODO), a dane szczególnych "
            "kategorii, w tym dotyczące zdrowia, w związku z przepisami tej ustawy (art. 9 ust. 2 "
            "lit. b i g RODO); podstawą przetwarzania nie jest zgoda. Przy składaniu wniosku "
            "o przyjęcie uczestnik otrzymuje na piśmie informacje, o których mowa w art. 13 "
            "RODO, w tym o okresie przechowywania danych, o prawie dostępu do danych, ich "
            "sprostowania i ograniczenia przetwarzania oraz o prawie wniesienia skargi do "
            "Prezesa Urzędu Ochrony Danych Osobowych.")
    par(20, "Wszelkie zmiany w Regulaminie wymagają zatwierdzenia przez kierownika "
            "{% if klub.jednostka %}jednostki realizującej{% else %}podmiotu prowadzącego"
            "{% endif %}.")
    par(21, "Regulamin wchodzi w życie z dniem zatwierdzenia.")
    b.para("")
    _place_date(b, "{{ dzis }}")
    b.signatures(("zatwierdzam – kierownik {% if klub.jednostka %}jednostki realizującej"
                  "{% else %}podmiotu prowadzącego{% endif %}", "{{ klub.kierownik }}"))
    b.footer_with_pages("Regulamin organizacyjny – {{ klub.nazwa }}")
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
    # the general condition of art. 1 ust. 2 that every category shares
    b.para(("Oświadczam, że ze względu na swoją sytuację życiową nie jestem w stanie własnym "
            "staraniem zaspokoić swoich podstawowych potrzeb życiowych i znajduję się "
            "w sytuacji uniemożliwiającej lub ograniczającej uczestnictwo w życiu zawodowym, "
            "społecznym i rodzinnym, co zagraża mi wykluczeniem społecznym (art. 1 ust. 2 "
            "ustawy o zatrudnieniu socjalnym).", "b"), align="j")
    b.para(("Oświadczam, że (zaznacz właściwe):", "b"), keep_next=True)
    b.para("{{ brak_swiadczen|znak }} nie mam prawa do żadnego z niżej wymienionych świadczeń,",
           indent=0.6, after=2, keep_next=True)
    b.para("{{ ma_swiadczenia|znak }} mam prawo do świadczenia "
           "({{ profil.podstawa_wykluczen }}):", indent=0.6, after=2, keep_next=True)
    b.control("{%p for s in swiadczenia %}")
    b.para("{{ s.zaznaczone|znak }} {{ s.nazwa }}", indent=1.2, after=2)
    b.control("{%p endfor %}")
    b.control("{%p if profil.wyjatek %}")
    b.para(("{{ profil.wyjatek }}", "i"), align="j")
    b.control("{%p endif %}")
    # what the applicant writes is above the signature that signs it
    b.para(("Krótki opis sytuacji życiowej i oczekiwań wobec Klubu:", "b"), keep_next=True)
    b.blank_lines(4, indent=0)
    b.para("Wyrażam zgodę na przeprowadzenie wywiadu środowiskowego i zawarcie kontraktu "
           "socjalnego (§ 14 regulaminu Klubu).", align="j", keep_next=True)
    b.para("Jestem {{ osoba|rodzaj('świadomy', 'świadoma') }} odpowiedzialności za złożenie "
           "oświadczenia niezgodnego z prawdą. "
           "{{ osoba|rodzaj('Otrzymałem', 'Otrzymałam') }} informację o przetwarzaniu "
           "danych osobowych (art. 13 RODO) zamieszczoną poniżej.", align="j", keep_next=True)
    b.signatures(("data i czytelny podpis wnioskodawcy", "{{ osoba.imie_nazwisko }}"))
    _privacy_notice(b)
    # the office's part: heading, every row and the coordinator's signature on one page
    b.heading("Adnotacje Klubu", 2)
    table = b.table(None, [6.6, 10.4], rows=[
        ["Data wpływu wniosku:", "{{ osoba.data_wniosku|data_krotka }}"],
        ["Wywiad środowiskowy (data):", "{{ osoba.data_wywiadu|data_krotka }}"],
        ["Kontrakt socjalny (data zawarcia):", "{{ osoba.data_kontraktu|data_krotka }}"],
        ["Kategoria (art. 1 ust. 2 / regulamin):", "{{ osoba.kategoria }}"],
        ["Wynik kontroli warunków:",
         "{{ decyzja.wynik }}{% if decyzja.uzasadnienie %} – {{ decyzja.uzasadnienie }}"
         "{% endif %}"],
        [[("Decyzja:", "b")], [("{{ decyzja.tresc }}", "b")]],
    ])
    _keep_rows_together(table, last_too=True)
    b.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    b.signatures(("podpis koordynatora Klubu", "{{ klub.koordynator }}"))
    _tiny_last_paragraph(b)
    return b


def _privacy_notice(b: Builder) -> None:
    """Art. 13 RODO information: data are processed under the act, not on consent."""
    b.heading("Informacja o przetwarzaniu danych osobowych (art. 13 RODO)", 2)
    b.para(("Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 "
            "z dnia 27 kwietnia 2016 r. w sprawie ochrony osób fizycznych w związku "
            "z przetwarzaniem danych osobowych i w sprawie swobodnego przepływu takich danych "
            "oraz uchylenia dyrektywy 95/46/WE (Dz. Urz. UE L 119 z 04.05.2016, str. 1, "
            "z późn. zm.), zwanego dalej „RODO”, informujemy, że:", "s"), align="j", after=2)
    items = (
        "administratorem {{ osoba.pana }} danych osobowych jest "
        "{% if klub.jednostka %}{{ klub.jednostka }}{% else %}{{ klub.podmiot }}"
        "{% if klub.podmiot_adres %}, {{ klub.podmiot_adres }}{% endif %}{% endif %};",
        "kontakt z inspektorem ochrony danych: {% if klub.iod %}{{ klub.iod }}"
        "{% else %}{{ linia(12) }}{% endif %};",
        "dane są przetwarzane w celu rozpatrzenia wniosku o przyjęcie do klubu integracji "
        "społecznej, realizacji uczestnictwa w zajęciach, rozliczenia i sprawozdawczości "
        "klubu – na podstawie art. 6 ust. 1 lit. c i e RODO, a dane szczególnych kategorii "
        "(np. dotyczące zdrowia) – na podstawie art. 9 ust. 2 lit. b i g RODO, w związku "
        "z ustawą z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym (Dz. U. z 2025 r. "
        "poz. 83);",
        "odbiorcami danych mogą być podmioty uprawnione na podstawie przepisów prawa "
        "(w szczególności wojewoda, ośrodek pomocy społecznej, powiatowy urząd pracy) oraz "
        "podmioty przetwarzające dane na zlecenie administratora;",
        "dane będą przechowywane przez okres: {% if klub.okres_przechowywania %}"
        "{{ klub.okres_przechowywania }}{% else %}{{ linia(12) }}{% endif %};",
        "przysługuje {{ osoba.panu }} prawo dostępu do danych, ich sprostowania, ograniczenia "
        "przetwarzania, a w przypadkach przewidzianych prawem – wniesienia sprzeciwu, oraz "
        "prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych;",
        "podanie danych jest warunkiem uczestnictwa w zajęciach klubu wynikającym z ustawy "
        "o zatrudnieniu socjalnym; bez ich podania nie jest możliwe rozpatrzenie wniosku;",
        "dane nie będą podlegały zautomatyzowanemu podejmowaniu decyzji, w tym "
        "profilowaniu.",
    )
    for n, item in enumerate(items, start=1):
        p = b.para((f"{n}) ", "s"), (item, "s"), indent=0.6, after=1, align="j")
        p.paragraph_format.first_line_indent = b._cm(-0.5)


def build_certificate() -> Builder:
    b = Builder("Zaświadczenie o zakończeniu uczestnictwa w KIS")
    b.table(None, [9.0, 8.0], rows=[
        ["", [("{{ klub.miejscowosc }}, dnia {{ zaswiadczenie.data }}", "")]],
        [[("(pieczęć podmiotu prowadzącego klub)", "is")], ""],
        ["Nr {{ zaswiadczenie.numer }}", ""],
    ], borders=False)
    b.title("ZAŚWIADCZENIE",
            "o zakończeniu uczestnictwa w zajęciach w klubie integracji społecznej")
    b.para("Na podstawie art. 18 ust. 5a ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu "
           "socjalnym (Dz. U. z 2025 r. poz. 83) podmiot prowadzący klub – "
           "{{ klub.podmiot }} – zaświadcza, że", align="j")
    b.para(("{{ osoba.pan }} {{ osoba.imie_nazwisko }}", "b"), align="c")
    # one identifier: the PESEL, or the birth date of a person who has none
    b.para("{% if osoba.pesel %}PESEL {{ osoba.pesel }}{% else %}{{ osoba.urodzony }} "
           "{{ osoba.data_urodzenia }}{% endif %},", align="c")
    b.para("{{ osoba|rodzaj('uczestniczył', 'uczestniczyła') }} w zajęciach w klubie "
           "integracji społecznej „{{ klub.nazwa }}” w okresie od {{ udzial.od }} "
           "do {{ udzial.do }}"
           "{% if udzial.ukonczony %} i {{ osoba|rodzaj('ukończył', 'ukończyła') }} program "
           "uczestnictwa określony w kontrakcie socjalnym zawartym dnia "
           "{{ udzial.data_kontraktu }}{% endif %}.", align="j")
    b.para("Sposób zakończenia uczestnictwa: {{ udzial.powod_zakonczenia }}.", align="j")
    b.para("W tym okresie {{ osoba|rodzaj('wziął', 'wzięła') }} udział w następujących "
           "zajęciach (liczone są wyłącznie obecności w okresie uczestnictwa):", align="j",
           keep_next=True)
    b.table(["Lp.", "Zajęcia", "Rodzaj", "Forma", "Liczba godzin"], [1.2, 6.3, 3.6, 3.0, 2.9],
            loop=("z", "zajecia"),
            loop_row=["{{ loop.index }}", "{{ z.nazwa }}", "{{ z.rodzaj }}", "{{ z.forma }}",
                      "{{ z.godziny|liczba }}"])
    b.control("{%p if not zajecia %}")
    b.para(("Nie odnotowano obecności na zajęciach.", "i"))
    b.control("{%p endif %}")
    b.para("Liczba godzin według rodzaju zajęć:", keep_next=True)
    by_type = b.table(["Rodzaj zajęć", "Liczba godzin"], [8.0, 4.0],
                      loop=("r", "rodzaje"),
                      loop_row=["{{ r.rodzaj }}", "{{ r.godziny|liczba }}"],
                      tail=[[[("Razem", "b")], [("{{ godziny_razem|liczba }}", "b")]]])
    # the hours by type and the signature under them share a page: never a lone signature
    _keep_rows_together(by_type, last_too=True)
    b.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    b.signatures(("podpis i pieczęć osoby upoważnionej", "{{ klub.kierownik }}"))
    _tiny_last_paragraph(b)
    # a certificate of many activities takes two pages: each says whose paper it is
    b.footer_with_pages("Zaświadczenie nr {{ zaswiadczenie.numer }} – {{ osoba.imie_nazwisko }}",
                        of_total=True)
    return b


def _tiny_last_paragraph(b: Builder) -> None:
    """The empty paragraph Word needs after a closing table takes no room (1 pt), so a
    full page does not spill a blank second page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = b.doc.paragraphs[-1]
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(1)
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(size)


LIST_ROW_CM = 0.8
"""Height of a signature row on the attendance list: room for a handwritten signature,
and still 21 names, 3 blank rows and the leader's signature on one page."""


def build_attendance_list() -> Builder:
    b = Builder("Lista obecności")
    b.margins(1.5, 1.5)
    b.para(("{{ klub.nazwa }}", "s"), align="c")
    b.title("LISTA OBECNOŚCI")
    # two label/value pairs per row: the page keeps room for every signature row
    b.table(None, [2.3, 5.9, 3.3, 5.5], rows=[
        [[("Zajęcia:", "b")], "{{ zajecia.nazwa }} ({{ zajecia.forma }}, {{ zajecia.rodzaj }})",
         [("Prowadzący:", "b")], "{{ spotkanie.prowadzacy }}"],
        [[("Data:", "b")], "{{ spotkanie.data }}",
         [("Miejsce:", "b")], "{{ spotkanie.miejsce }}"],
        [[("Godziny:", "b")],
         "{{ spotkanie.od }}–{{ spotkanie.do }} ({{ spotkanie.godziny|godziny }})",
         [("Temat:", "b")], "{{ spotkanie.temat }}"],
    ], borders=False)
    b.table(["Lp.", "Imię i nazwisko", "ID", "Podpis uczestnika"], [1.2, 7.3, 2.2, 6.3],
            loop=("u", "uczestnicy"),
            loop_row=["{{ u.lp }}", "{{ u.imie_nazwisko }}", "{{ u.id|lub('') }}", ""],
            row_height=LIST_ROW_CM)
    # the leader writes the number present beside the signature (one block, one page)
    b.signatures(("liczba obecnych", "na liście: "
                  "{{ spotkanie.liczba_na_liscie|odmiana('osoba', 'osoby', 'osób') }}"),
                 ("podpis prowadzącego", "{{ spotkanie.prowadzacy }}"))
    _tiny_last_paragraph(b)
    b.footer("Lista obecności – {{ zajecia.nazwa }} – {{ spotkanie.data|data_krotka }}")
    return b


def build_programme() -> Builder:
    b = Builder("Program KIS")
    b.title("PROGRAM KLUBU INTEGRACJI SPOŁECZNEJ", "{{ klub.nazwa }}")
    b.para(("Autor programu: ", "b"), "{{ klub.podmiot }}")
    b.heading("1. Partnerzy programu")
    b.loop("", "partnerzy", "p", "{{ p.nazwa }}{% if p.zakres %} – {{ p.zakres }}{% endif %}",
           bullet="•")
    b.heading("2. Uzasadnienie programu")
    b.para("Klub integracji społecznej jest prowadzony na podstawie ustawy z dnia 13 czerwca "
           "2003 r. o zatrudnieniu socjalnym (Dz. U. z 2025 r. poz. 83). Jego zadaniem jest "
           "pomoc osobom zagrożonym wykluczeniem społecznym w odbudowaniu i podtrzymaniu "
           "umiejętności uczestnictwa w życiu społeczności lokalnej, pełnienia ról społecznych "
           "oraz podjęcia zatrudnienia – przez zajęcia o charakterze terapeutycznym, "
           "zatrudnieniowym, edukacyjnym i samopomocowym.", align="j")
    b.para(("Diagnoza potrzeb na terenie działania Klubu ({{ klub.teren }}):", "b"),
           keep_next=True)
    b.para("{{ klub.diagnoza }}", align="j")
    b.heading("3. Adresaci programu")
    b.para("Adresatami programu są osoby zagrożone wykluczeniem społecznym "
           "({{ profil.podstawa_kategorii }}), które znajdują się w trudnej sytuacji życiowej "
           "i własnym staraniem nie są w stanie zaspokoić swoich podstawowych potrzeb "
           "życiowych, w szczególności:", align="j", keep_next=True)
    b.loop("", "profil.kategorie", "k", "{{ k }}{% if loop.last and not kategorie_klubu %}."
           "{% else %},{% endif %}")
    b.loop("", "kategorie_klubu", "k", "{{ k }}{% if loop.last %}.{% else %},{% endif %}")
    b.heading("4. Kryteria i zasady doboru uczestników")
    for line in (
        "przynależność do grupy osób wymienionych w pkt 3, potwierdzona dokumentem;",
        "brak prawa do świadczeń wyłączających uczestnictwo ({{ profil.podstawa_wykluczen }})"
        "{% if profil.wyjatek %}, z wyjątkiem wskazanym w regulaminie Klubu{% endif %};",
        "pisemny wniosek o przyjęcie do Klubu (§\u00a013 regulaminu);",
        "przeprowadzony wywiad środowiskowy i zawarty kontrakt socjalny (§\u00a014 regulaminu);",
        "indywidualna ocena sytuacji osoby dokonana przez pracownika socjalnego.",
    ):
        p = b.para(f"– {line}", indent=0.6, after=2)
        p.paragraph_format.first_line_indent = b._cm(-0.4)
    b.heading("5. Cele programu")
    b.para(("Cel główny: ", "b"), "reintegracja społeczna i zawodowa uczestników Klubu.",
           align="j")
    b.para(("Cele szczegółowe:", "b"), keep_next=True)
    for line in (
        "odbudowanie i podtrzymanie umiejętności uczestnictwa w życiu społeczności lokalnej "
        "i pełnienia ról społecznych;",
        "przygotowanie do podjęcia zatrudnienia, podniesienie kwalifikacji zawodowych;",
        "pomoc w rozwiązywaniu problemów osobistych, prawnych i mieszkaniowych;",
        "rozwój samopomocy i wzajemnego wsparcia uczestników.",
    ):
        p = b.para(f"– {line}", indent=0.6, after=2)
        p.paragraph_format.first_line_indent = b._cm(-0.4)
    b.heading("6. Opis programu – spotkania ze specjalistami")
    b.control("{%p for s in specjalisci %}")
    b.para(("Program spotkań {{ s.z_kim }}", "b"),
           "{% if s.prowadzacy %} (prowadzący: {{ s.prowadzacy|join(', ') }}){% endif %}:",
           keep_next=True)
    b.control("{%p for z in s.zajecia %}")
    p = b.para("• {{ z.nazwa }} – spotkania {{ z.forma }} ({{ z.plan }})", indent=0.6, after=2)
    p.paragraph_format.first_line_indent = b._cm(-0.4)
    b.control("{%p endfor %}")
    b.control("{%p endfor %}")
    b.heading("7. Plan godzin")
    table = b.table(["Lp.", "Specjalista", "Zajęcia", "Forma", "Plan", "Godziny"],
                    [1.2, 2.8, 4.6, 3.2, 2.9, 2.3],
                    loop=("z", "zajecia"),
                    loop_row=["{{ z.lp }}", "{{ z.specjalista }}", "{{ z.nazwa }}",
                              "{{ z.forma }}", "{{ z.plan }}", "{{ z.godziny|liczba }}"],
                    tail=[["", "", [("Razem", "b")], "", "",
                           [("{{ godziny_razem|liczba }}", "b")]]])
    _keep_rows_together(table)
    b.heading("8. Tygodniowy harmonogram stałych zajęć i dyżurów")
    # 9 pt in the cells: "niepełnosprawnościami" or "gimnastyczna" fit a column whole
    table = b.table(["Dzień", "Godziny", "Zajęcia lub dyżur", "Prowadzący", "Miejsce"],
                    [2.7, 2.5, 5.0, 3.4, 3.4],
                    loop=("t", "harmonogram"),
                    loop_row=[[(x, "m")] for x in (
                        "{{ t.dzien }}", "{{ t.od }}–{{ t.do }}", "{{ t.nazwa }}",
                        "{{ t.prowadzacy }}", "{{ t.miejsce }}")])
    _keep_rows_together(table)
    b.heading("9. Czas realizacji")
    b.para("Program jest realizowany w sposób ciągły od {{ klub.data_rozpoczecia }}.")
    b.heading("10. Spodziewane efekty")
    for line in ("Reintegracja społeczna osób uczestniczących w programie.",
                 "Reintegracja zawodowa uczestników programu."):
        b.para(f"• {line}", indent=0.6, after=2)
    b.para("")
    _place_date(b, "{{ dzis }}")
    _operator_signature(b, "podpis osoby reprezentującej podmiot prowadzący")
    b.footer("Program – {{ klub.nazwa }}")
    return b


def _operator_signature(b: Builder, caption: str, *before: tuple[str, str]) -> None:
    """The signature of the operator's representative (after the ``before`` ones): the name,
    the function and, for an OPS head signing for the gmina, "z upoważnienia Burmistrza …"
    under the line."""
    b.signatures(*before, (caption, "{{ klub.reprezentant }}"), below=(
        "{{ klub.reprezentant_funkcja|lub('') }}",
        "{% if klub.z_upowaznienia %}z upoważnienia {{ klub.z_upowaznienia }}{% endif %}"))


def _keep_rows_together(table: Any, *, last_too: bool = False) -> None:
    """Every row but the last keeps with the next: no row (e.g. "Razem") is left alone
    at the top of a page; a table longer than a page still breaks where it must.
    ``last_too``: the last row keeps with what follows (a signature under the table)."""
    rows = table.rows
    for row in rows if last_too else rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def build_register_application() -> Builder:
    """Zgłoszenie do rejestru klubów integracji społecznej, sent by the operator (the gmina
    or the organisation, not its OPS) to the voivode who keeps the register."""
    b = Builder("Zgłoszenie do rejestru KIS")
    _place_date(b, "{{ dzis }}")
    b.table(None, [9.0, 8.0], rows=[
        [[("{{ klub.podmiot }}", "")], ""],
        [[("(pełna nazwa podmiotu prowadzącego klub)", "is")], ""],
        ["", [("{{ klub.wojewoda }}", "b")]],
        ["", "{{ klub.urzad_wojewodzki }}"],
    ], borders=False)
    b.title("ZGŁOSZENIE", "do rejestru klubów integracji społecznej")
    b.para(("(według wzoru formularza określonego w rozporządzeniu Ministra Pracy i Polityki "
            "Społecznej z dnia 30 kwietnia 2012 r. w sprawie wzoru formularza zgłoszenia "
            "do rejestru klubów integracji społecznej, Dz. U. z 2012 r. poz. 513)", "is"),
           align="c")
    b.heading("I. Dane podmiotu prowadzącego klub integracji społecznej", 2)
    b.table(None, [7.0, 10.0], rows=[
        ["Pełna nazwa podmiotu", "{{ klub.podmiot }}"],
        ["Adres siedziby", "{{ klub.podmiot_adres }}"],
        ["Telefon", "{{ klub.podmiot_telefon }}"],
        ["Faks", "{{ klub.podmiot_faks|lub('brak') }}"],
        ["Adres e-mail", "{{ klub.podmiot_email }}"],
        ["Numer w Krajowym Rejestrze Sądowym (organizacja pozarządowa)",
         "{{ klub.podmiot_krs|lub('nie dotyczy') }}"],
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
    b.heading("Załącznik", 2)
    b.para("Kopia aktu o utworzeniu klubu integracji społecznej.")
    _operator_signature(b, "podpis osoby reprezentującej podmiot prowadzący lub osoby "
                           "upoważnionej")
    b.footer_with_pages("Zgłoszenie do rejestru klubów integracji społecznej – {{ klub.nazwa }}")
    return b


def build_report() -> Builder:
    """Sprawozdanie dla wojewody (art. 18a ust. 6). No form is set for KIS; the parts follow
    the act, their order and the general data the CIS report model (Dz.U. 2017 poz. 97)."""
    b = Builder("Sprawozdanie KIS")
    _place_date(b, "{{ dzis }}")
    b.para(("{{ sprawozdanie.adresat }}", "b"), align="r", after=0)
    b.para(("za pośrednictwem: {{ klub.urzad_wojewodzki }}", "is"), align="r")
    b.title("SPRAWOZDANIE",
            "z działalności klubu integracji społecznej za rok {{ sprawozdanie.rok }}")
    b.para(("(art. 18a ust. 6 ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym; układ "
            "wzorowany na sprawozdaniu centrum integracji społecznej, Dz. U. z 2017 r. poz. 97)",
            "is"), align="c")
    b.heading("I. Dane ogólne", 2)
    b.table(None, [7.0, 10.0], rows=[
        ["Pełna nazwa klubu", "{{ klub.nazwa }}"],
        ["Numer w rejestrze klubów integracji społecznej", "{{ sprawozdanie.nr_rejestru }}"],
        ["Data wpisu do rejestru", "{{ sprawozdanie.data_wpisu|data_krotka }}"],
        ["Podmiot prowadzący klub", "{{ klub.podmiot }}"],
        ["Rodzaj podmiotu prowadzącego", "{{ sprawozdanie.rodzaj_podmiotu }}"],
        ["REGON podmiotu prowadzącego", "{{ klub.podmiot_regon }}"],
        ["Numer KRS podmiotu prowadzącego", "{{ klub.podmiot_krs }}"],
        ["Adres podmiotu prowadzącego", "{{ klub.podmiot_adres }}"],
        ["Adres klubu", "{{ klub.adres_pelny }}"],
        ["Telefon klubu", "{{ klub.telefon }}"],
        ["E-mail klubu", "{{ klub.email }}"],
        ["Data utworzenia klubu", "{{ klub.data_utworzenia }}"],
        ["Data rozpoczęcia działalności", "{{ klub.data_rozpoczecia }}"],
        ["Osoba kierująca klubem", "{{ klub.koordynator }}"],
        ["Okres sprawozdawczy",
         "{{ sprawozdanie.okres_od|data_krotka }} – {{ sprawozdanie.okres_do|data_krotka }}"
         "{% if sprawozdanie.rok_w_toku %} (rok w toku: dane na ten dzień){% endif %}"],
    ])
    b.heading("II. Kadra klubu (liczba osób, wymiar czasu pracy, podstawa zatrudnienia)", 2)
    b.para("Liczba osób: {{ sprawozdanie.kadra.osoby }} (każda raz), w tym pracowników: "
           "{{ sprawozdanie.kadra.pracownicy }}; etaty pracowników ważone miesiącami pracy "
           "w roku: {{ sprawozdanie.kadra.etaty|liczba }}.")
    b.table(["Podstawa zatrudnienia", "Liczba osób", "Etaty (ważone)"], [10.6, 3.2, 3.2],
            loop=("k", "sprawozdanie.kadra.grupy"),
            loop_row=["{{ k.grupa }}", "{{ k.osoby }}",
                      "{% if k.etaty is not none %}{{ k.etaty|liczba }}{% endif %}"],
            tail=[[[("Razem (każda osoba raz)", "b")],
                   [("{{ sprawozdanie.kadra.osoby }}", "b")],
                   [("{{ sprawozdanie.kadra.etaty|liczba }}", "b")]]])
    b.table(["Funkcja", "Podstawa zatrudnienia", "Liczba osób", "Etaty"],
            [5.0, 6.4, 2.8, 2.8],
            loop=("k", "sprawozdanie.kadra.funkcje"),
            loop_row=["{{ k.funkcja }}", "{{ k.podstawa }}", "{{ k.osoby }}",
                      "{% if k.etaty is not none %}{{ k.etaty|liczba }}{% endif %}"])
    b.para(("Etaty tylko pracowników (umowa o pracę, powierzenie obowiązków): wymiar etatu × "
            "część roku przepracowana w klubie; umowy cywilnoprawne i wolontariat – liczba "
            "osób.", "s"))
    b.heading("III. Uczestnicy według kategorii (art. 1 ust. 2 ustawy) i efekty reintegracji", 2)
    headers = ["Nr", "Kategoria", "Uczest\u00adnicy", "Ukoń\u00adczyli", "Prze\u00adrwali",
               "Efekt spo\u00adłeczny", "Efekt zawo\u00addowy", "Jaki\u00adkolwiek efekt",
               "Zatrud\u00adnieni po ukoń\u00adczeniu"]
    # 9 pt: seven figure columns and the category's longest word ("niepełnosprawne") fit
    # 17 cm; a header breaks only at its soft hyphen
    widths = [0.9, 3.7, 1.8, 1.8, 1.8, 1.7, 1.7, 1.8, 1.8]

    def row(v: str) -> list[str]:
        return [f"{{{{ {v}.{k} }}}}" for k in (
            "nr", "kategoria", "uczestnicy", "ukonczyli", "przerwali", "efekt_spoleczny",
            "efekt_zawodowy", "efekt", "zatrudnieni_po_ukonczeniu")]

    b.table(headers, widths, loop=("c", "sprawozdanie.kategorie"), loop_row=row("c"), size="m")
    b.control("{%p if sprawozdanie.rozszerzenia %}")
    b.para(("Kategorie dopisane przez klub (§ 8 regulaminu klubu) – poza katalogiem art. 1 "
            "ust. 2 ustawy:", "b"), keep_next=True)
    b.table(headers, widths, loop=("c", "sprawozdanie.rozszerzenia"), loop_row=row("c"),
            size="m")
    b.control("{%p endif %}")
    total: list[Sequence[Run] | str] = [
        "", [("Razem (każdy uczestnik liczony raz)", "b")],
        *([(x, "b")] for x in row("sprawozdanie.razem")[2:])]
    b.table(None, widths, rows=[total], size="m")
    b.para(("Efekt społeczny: podjęcie leczenia, uregulowanie spraw prawnych, inny rezultat; "
            "efekt zawodowy: zatrudnienie w każdej formie, podniesienie kwalifikacji. "
            "Zatrudnieni po ukończeniu: zatrudnienie od rozpoczęcia udziału do "
            "{{ sprawozdanie.okno_miesiecy }} mies. po ukończeniu. Liczby osób, nie rezultatów.",
            "s"))
    b.para(("Uczestnicy: osoby przyjęte do klubu (kontrola uczestników: „kwalifikuje się” "
            "albo dopuszczone decyzją koordynatora), biorące udział w roku.", "s"))
    b.para(("Poza kategoriami", "b"), keep_next=True)
    b.table(["Pozycja", "Liczba osób"], [13.8, 3.2],
            rows=[["Zgłoszeni, nieprzyjęci", "{{ sprawozdanie.nieprzyjeci.osoby }}"]],
            loop=("n", "sprawozdanie.nieprzyjeci.powody"),
            loop_row=["– powód: {{ n.powod }}", "{{ n.osoby }}"],
            tail=[["Uczestniczący z brakami w dokumentacji",
                   "{{ sprawozdanie.braki_dokumentacji }}"]])
    b.para(("Przepływy uczestników w roku i reintegracja", "b"), keep_next=True)
    b.table(["Pozycja", "Liczba osób"], [13.8, 3.2], rows=[
        ["Rozpoczęli udział w roku", "{{ sprawozdanie.przeplywy.nowi }}"],
        ["Kontynuujący z lat poprzednich", "{{ sprawozdanie.przeplywy.kontynuujacy }}"],
        ["Zakończyli udział w roku", "{{ sprawozdanie.przeplywy.zakonczyli }}"],
        ["– ukończyli", "{{ sprawozdanie.przeplywy.ukonczyli }}"],
        ["– przerwali", "{{ sprawozdanie.przeplywy.przerwali }}"],
        ["– z innego powodu", "{{ sprawozdanie.przeplywy.inny_powod }}"],
        ["Uczestniczą na koniec okresu", "{{ sprawozdanie.przeplywy.w_trakcie }}"],
        ["Objęci reintegracją społeczną", "{{ sprawozdanie.reintegracja.spoleczna }}"],
        ["Objęci reintegracją zawodową", "{{ sprawozdanie.reintegracja.zawodowa }}"],
    ])
    b.heading("IV. Zajęcia zrealizowane w klubie i ich efekty", 2)
    b.table(["Lp.", "Zajęcia", "Forma", "Spotka\u00adnia", "Godziny zajęć",
             "Godziny uczest\u00adników", "Uczest\u00adnicy"],
            [1.0, 4.5, 2.7, 2.0, 2.1, 2.4, 2.3], size="m",  # 9 pt, as section III
            loop=("z", "sprawozdanie.zajecia"),
            loop_row=["{{ z.lp }}", "{{ z.nazwa }}", "{{ z.forma }}", "{{ z.spotkania }}",
                      "{{ z.godziny|liczba }}", "{{ z.godziny_uczestnikow|liczba }}",
                      "{{ z.uczestnicy }}"],
            tail=[["", [("Razem", "b")], "", [("{{ sprawozdanie.zajecia_razem.spotkania }}", "b")],
                   [("{{ sprawozdanie.zajecia_razem.godziny|liczba }}", "b")],
                   [("{{ sprawozdanie.zajecia_razem.godziny_uczestnikow|liczba }}", "b")],
                   ""]])
    b.para("Efekty zajęć – rezultaty uczestników osiągnięte w roku:", keep_next=True)
    b.table(["Rodzaj rezultatu", "Liczba rezultatów", "Liczba osób"], [11.0, 3.0, 3.0],
            loop=("e", "sprawozdanie.efekty"),
            loop_row=["{{ e.rodzaj }}", "{{ e.rezultaty }}", "{{ e.osoby }}"])
    b.heading("V. Rozliczenie dotacji otrzymanych za rok {{ sprawozdanie.rok }}", 2)
    b.table(["Źródło dotacji", "Przezna\u00adczenie", "Przyznana (zł)",
             "Wykorzy\u00adstana (zł)", "Zwrócona (zł)", "Data rozli\u00adczenia"],
            [3.1, 3.0, 2.9, 2.9, 2.6, 2.5],  # "Przyznana" whole in bold
            loop=("d", "sprawozdanie.dotacje"),
            loop_row=["{{ d.zrodlo }}", "{{ d.przeznaczenie }}", "{{ d.przyznana }}",
                      "{{ d.wykorzystana }}", "{{ d.zwrocona }}",
                      "{{ d.data_rozliczenia|data_krotka }}"],
            tail=[[[("Razem", "b")], "", [("{{ sprawozdanie.dotacje_razem.przyznana }}", "b")],
                   [("{{ sprawozdanie.dotacje_razem.wykorzystana }}", "b")],
                   [("{{ sprawozdanie.dotacje_razem.zwrocona }}", "b")], ""]])
    b.para("Koszty działalności według źródła finansowania:", keep_next=True)
    b.table(["Źródło finansowania", "Przyznana (zł)", "Wykorzy\u00adstana (zł)"],
            [10.0, 3.5, 3.5],
            loop=("k", "sprawozdanie.koszty"),
            loop_row=["{{ k.zrodlo }}", "{{ k.przyznana }}", "{{ k.wykorzystana }}"])
    b.heading("VI. Plan działalności na rok bieżący", 2)
    b.para("{% if sprawozdanie.plan %}{{ sprawozdanie.plan }}{% else %}…{% endif %}")
    _operator_signature(b, "za podmiot prowadzący", ("sporządził(a)", "{{ klub.koordynator }}"))
    b.footer("Sprawozdanie za rok {{ sprawozdanie.rok }} – {{ klub.nazwa }}")
    return b


# selfhelp-a: the weekly timetable for the notice board (issue 11) ---------------------


def build_timetable() -> Builder:
    """Harmonogram tygodnia: one table of the week's slots (the day printed once), the
    information point's hours, the partners and what they run; for the notice board."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    b = Builder("Harmonogram tygodnia")
    b.margins(1.2, 1.2)
    # one sheet for the notice board: a week of a dozen slots and ten partners fit at 10 pt
    b.doc.styles["Normal"].font.size = b._pt(10)
    b.doc.styles["Normal"].paragraph_format.space_after = b._pt(2)
    section = b.doc.sections[0]  # landscape: a notice board reads long names on one line
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    b.para(("{{ klub.nazwa }}", "b"), align="c", after=0)
    b.para("{{ klub.adres_pelny }}{% if klub.telefon %}, tel. {{ klub.telefon }}{% endif %}",
           align="c")
    b.title("HARMONOGRAM ZAJĘĆ W TYGODNIU")
    table = b.table(["Dzień", "Godziny", "Zajęcia lub dyżur", "Prowadzący", "Miejsce"],
                    [3.0, 2.6, 9.3, 5.0, 7.4],
                    loop=("w", "wpisy"),
                    loop_row=[[("{{ w.dzien|lub('') }}", "b")], "{{ w.od }}–{{ w.do }}",
                              "{{ w.nazwa }}{% if w.grupa %} (grupa: {{ w.grupa }}){% endif %}",
                              "{{ w.prowadzacy|lub('') }}", "{{ w.miejsce|lub('') }}"])
    _keep_rows_together(table)
    # the information point's hours on one line and the partners at 9 pt: the week, the
    # point and ten partners fit one landscape sheet
    b.control("{%p if punkt_informacyjny.dyzury %}")
    b.para(("Punkt informacyjny", "b"), " Klubu jest czynny "
           "{{ punkt_informacyjny.godziny|odmiana('godzinę', 'godziny', 'godzin') }} "
           "w tygodniu: {% for d in punkt_informacyjny.dyzury %}{{ d.dzien }} "
           "{{ d.od }}–{{ d.do }}{% if d.miejsce %} ({{ d.miejsce }}){% endif %}"
           "{% if not loop.last %}; {% endif %}{% endfor %}.")
    b.control("{%p endif %}")
    b.control("{%p if partnerzy %}")
    b.para(("Partnerzy Klubu", "b"), keep_next=True, after=1)
    b.loop("", "partnerzy", "p",
           ("{{ p.nazwa }}", "bm"), ("{% if p.zakres %} – {{ p.zakres }}{% endif %}"
           "{% if p.zajecia %} (prowadzi: {{ p.zajecia|join(', ') }}){% endif %}", "m"),
           bullet="•")
    b.control("{%p endif %}")
    b.para("")
    b.para("Zapraszamy! Koordynator Klubu: {{ klub.koordynator }}"
           "{% if klub.email %}, {{ klub.email }}{% endif %}.", align="c")
    b.footer("Harmonogram – {{ klub.nazwa }} – stan na {{ dzis|data_krotka }}")
    return b


# volunteers (issue 11): the agreement and the certificate -------------------------------


_ABBREVIATION = re.compile(r"(?<!\w)(art\.|ust\.|pkt|poz\.|§|Nr) (?=\S)")


def _tie_abbreviations(b: Builder) -> None:
    """"art. 44", "ust. 2", "§ 1": the abbreviation and its number never part at a line end
    (a no-break space in the template's own text)."""
    for t in b.doc.element.body.iter(f"{{{W_NS}}}t"):
        if t.text:
            t.text = _ABBREVIATION.sub("\\1\u00a0", t.text)


def _numbered(b: Builder, number: int, *runs: Run, keep_next: bool = False) -> None:
    """"1. …" with a hanging indent: a clause of a paragraph (§) of an agreement."""
    p = b.para(f"{number}. ", *runs, indent=0.6, after=2, align="j", keep_next=keep_next)
    p.paragraph_format.first_line_indent = b._cm(-0.6)


def build_volunteer_agreement() -> Builder:
    """Porozumienie wolontariackie under art. 44 ust. 1 of the act on public benefit activity
    and volunteering: scope, manner and time of the work, the period, the termination clause;
    the duties of art. 45 and the insurance of art. 46; both signatures under one page."""
    b = Builder("Porozumienie wolontariackie")
    _place_date(b, "{{ porozumienie.data_zawarcia }}")
    b.title("POROZUMIENIE WOLONTARIACKIE", "o wykonywaniu świadczeń przez wolontariusza")
    b.para(("zawarte na podstawie art. 44 ust. 1 {{ porozumienie.ustawa }}, zwanej dalej "
            "„ustawą”", "i"), align="c")
    b.para("pomiędzy:", keep_next=True)
    b.table(None, [4.6, 12.4], rows=[
        [[("Korzystającym", "b")],
         "{{ korzystajacy.nazwa }}, adres: {{ korzystajacy.adres }}; w imieniu "
         "Korzystającego działa {{ korzystajacy.reprezentant }}{% if korzystajacy.funkcja %} "
         "– {{ korzystajacy.funkcja }}{% endif %}{% if korzystajacy.podstawa %}, na podstawie "
         "{{ korzystajacy.podstawa }}{% endif %}"],
        [[("a Wolontariuszem", "b")],
         "{{ wolontariusz.imie_nazwisko }}, adres zamieszkania: {{ wolontariusz.adres }}"
         "{% if wolontariusz.pesel %}, PESEL: {{ wolontariusz.pesel }}{% endif %}"
         "{% if wolontariusz.telefon %}, tel.: {{ wolontariusz.telefon }}{% endif %}"],
    ], borders=False)

    def par(number: int, title: str) -> None:
        p = b.para((f"§ {number}. {title}", "b"), align="c", keep_next=True, after=2)
        p.paragraph_format.space_before = b._pt(8)

    par(1, "Zakres świadczeń")
    _numbered(b, 1, "Wolontariusz wykonuje ochotniczo i bez wynagrodzenia świadczenia na rzecz "
              "Korzystającego w klubie „{{ klub.nazwa }}” w zakresie: "
              "{{ wolontariusz.zakres }}{% if wolontariusz.zajecia %} (zajęcia: "
              "{{ wolontariusz.zajecia }}){% endif %}.")
    _numbered(b, 2, "Wolontariusz oświadcza, że posiada kwalifikacje i spełnia wymagania "
              "odpowiednie do rodzaju i zakresu świadczeń, jeżeli obowiązek ich posiadania "
              "wynika z odrębnych przepisów (art. 43 ustawy).")
    b.control("{%p if porozumienie.maloletni %}")
    _numbered(b, 3, "Świadczenia obejmują pracę z małoletnimi. Zgodnie z art. 21 ust. 1 "
              "{{ porozumienie.ustawa_maloletni }} Korzystający przed dopuszczeniem "
              "Wolontariusza do tej pracy sprawdza, czy jego dane są zamieszczone w Rejestrze "
              "Sprawców Przestępstw na Tle Seksualnym{% if porozumienie.rejestr_data %}; "
              "sprawdzenia dokonano dnia {{ porozumienie.rejestr_data }}, wynik: "
              "{{ porozumienie.rejestr_wynik }}{% endif %}.")
    b.control("{%p endif %}")
    par(2, "Sposób i czas wykonywania świadczeń")
    _numbered(b, 1, "Sposób i czas wykonywania świadczeń: {{ wolontariusz.sposob }}. "
              "Świadczenia są wykonywane w siedzibie Klubu ({{ porozumienie.miejsce }}), "
              "chyba że strony uzgodnią inne miejsce.")
    _numbered(b, 2, "Planowany wymiar świadczeń: {{ wolontariusz.godziny_tygodniowo|liczba }} "
              "godz. tygodniowo. Wolontariusz uzgadnia terminy zajęć z koordynatorem Klubu "
              "({{ korzystajacy.koordynator }}), który potwierdza liczbę godzin wykonanych "
              "świadczeń.")
    _numbered(b, 3, "Wolontariusz zachowuje w tajemnicy informacje o uczestnikach Klubu i ich "
              "sytuacji życiowej uzyskane w związku z wykonywaniem świadczeń, także po "
              "rozwiązaniu porozumienia.")
    par(3, "Czas obowiązywania porozumienia")
    b.para("{% if porozumienie.na_czas_nieokreslony %}Porozumienie zostaje zawarte na czas "
           "nieokreślony, od dnia {{ porozumienie.od }}.{% else %}Porozumienie zostaje zawarte "
           "na czas określony, od dnia {{ porozumienie.od }} do dnia "
           "{{ porozumienie.do }}.{% endif %}", align="j")
    par(4, "Obowiązki Korzystającego")
    _numbered(b, 1, "Korzystający informuje Wolontariusza o ryzyku dla zdrowia "
              "i bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach ochrony "
              "przed zagrożeniami, a także zapewnia mu bezpieczne i higieniczne warunki "
              "wykonywania świadczeń (art. 45 ust. 1 pkt 1 i 2 ustawy).")
    _numbered(b, 2, "Korzystający pokrywa, na zasadach dotyczących pracowników, koszty podróży "
              "służbowych i diet związanych z wykonywaniem świadczeń (art. 45 ust. 1 pkt 3 "
              "ustawy). Wolontariusz może zwolnić Korzystającego z tego obowiązku w całości lub "
              "w części w formie pisemnej pod rygorem nieważności (art. 45 ust. 4 ustawy).")
    _numbered(b, 3, "{% if porozumienie.do_30_dni %}Świadczenia są wykonywane przez okres "
              "nie dłuższy niż 30 dni: Korzystający zapewnia Wolontariuszowi ubezpieczenie od "
              "następstw nieszczęśliwych wypadków (art. 46 ust. 3 ustawy).{% else %}"
              "Świadczenia są wykonywane przez okres dłuższy niż 30 dni: z tytułu wypadku przy "
              "wykonywaniu świadczeń Wolontariuszowi przysługuje zaopatrzenie na zasadach "
              "określonych w odrębnych przepisach (art. 46 ust. 2 ustawy).{% endif %}")
    _numbered(b, 4, "Na żądanie Wolontariusza Korzystający potwierdza na piśmie treść "
              "porozumienia i wydaje pisemne zaświadczenie o wykonaniu świadczeń, w tym o ich "
              "zakresie (art. 44 ust. 2 ustawy), a na jego prośbę może wydać pisemną opinię "
              "o wykonaniu świadczeń (art. 44 ust. 3 ustawy).")
    par(5, "Rozwiązanie porozumienia")
    _numbered(b, 1, "Każda ze stron może rozwiązać porozumienie z zachowaniem 7-dniowego okresu "
              "wypowiedzenia, składając drugiej stronie oświadczenie na piśmie.")
    _numbered(b, 2, "W razie rażącego naruszenia postanowień porozumienia przez jedną ze stron "
              "druga strona może je rozwiązać bez zachowania okresu wypowiedzenia.")
    _numbered(b, 3, "Porozumienie można rozwiązać w każdym czasie za zgodą obu stron"
              "{% if not porozumienie.na_czas_nieokreslony %}; wygasa ono z upływem okresu, "
              "na który zostało zawarte{% endif %}.")
    par(6, "Postanowienia końcowe")
    _numbered(b, 1, "Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.")
    _numbered(b, 2, "W sprawach nieuregulowanych porozumieniem stosuje się przepisy ustawy "
              "oraz Kodeksu cywilnego.")
    _numbered(b, 3, "Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym "
              "dla każdej ze stron.", keep_next=True)
    # the volunteer's statement and both signatures stay on one page
    b.para(("Oświadczenie Wolontariusza: ", "b"),
           "Wolontariusz oświadcza, że przed rozpoczęciem świadczeń został poinformowany "
           "o ryzyku dla zdrowia i bezpieczeństwa związanym z wykonywanymi świadczeniami oraz "
           "o zasadach ochrony przed zagrożeniami (art. 45 ust. 1 pkt 1 ustawy).", align="j",
           keep_next=True)
    b.signatures(("Korzystający – podpis osoby reprezentującej", "{{ korzystajacy.reprezentant }}"),
                 ("Wolontariusz – czytelny podpis", "{{ wolontariusz.imie_nazwisko }}"))
    _tiny_last_paragraph(b)
    _tie_abbreviations(b)
    b.footer_with_pages("Porozumienie wolontariackie – {{ wolontariusz.imie_nazwisko }}")
    return b


def build_volunteer_certificate() -> Builder:
    """Zaświadczenie o wykonaniu świadczeń przez wolontariusza (art. 44 ust. 2), issued on the
    volunteer's request, with the opinion of art. 44 ust. 3 when the sheet has one."""
    b = Builder("Zaświadczenie o wykonaniu świadczeń przez wolontariusza")
    _place_date(b, "{{ zaswiadczenie.data }}")  # a whole line: long months do not wrap
    b.table(None, [9.0, 8.0], rows=[
        ["", ""],
        [[("(pieczęć korzystającego)", "is")], ""],
        ["Nr {{ zaswiadczenie.numer }}", ""],
    ], borders=False)
    b.title("ZAŚWIADCZENIE", "o wykonaniu świadczeń przez wolontariusza")
    b.para("Na podstawie art. 44 ust. 2 {{ zaswiadczenie.ustawa }}"
           "{% if zaswiadczenie.na_zadanie %}, na żądanie wolontariusza zgłoszone dnia "
           "{{ zaswiadczenie.data_zadania }}{% endif %}, "
           "{{ korzystajacy.nazwa }} zaświadcza, że", align="j")
    b.para(("{{ wolontariusz.pan }} {{ wolontariusz.imie_nazwisko }}", "b"), align="c")
    b.para("w okresie od {{ zaswiadczenie.od }} do {{ zaswiadczenie.do }}"
           "{% if zaswiadczenie.trwa %} (świadczenia są nadal wykonywane){% endif %} "
           "{{ wolontariusz|rodzaj('wykonywał', 'wykonywała') }} jako "
           "{{ wolontariusz.wolontariusz }} ochotniczo i bez wynagrodzenia świadczenia "
           "w klubie „{{ klub.nazwa }}” w zakresie: {{ wolontariusz.zakres }}"
           "{% if wolontariusz.zajecia %} (zajęcia: {{ wolontariusz.zajecia }}){% endif %}.",
           align="j")
    b.control("{%p if wolontariusz.sposob %}")
    b.para("Sposób i czas wykonywania świadczeń: {{ wolontariusz.sposob }}.", align="j")
    b.control("{%p endif %}")
    b.para("Łączny wymiar wykonanych świadczeń: {{ zaswiadczenie.godziny|godziny }}.",
           align="j")
    b.control("{%p if wolontariusz.opinia %}")
    b.para(("Opinia o wykonaniu świadczeń (art. 44 ust. 3 ustawy):", "b"), keep_next=True)
    b.para("{{ wolontariusz.opinia }}")  # free text: justified, it would stretch spaces
    b.control("{%p endif %}")
    b.signatures(("podpis i pieczęć osoby reprezentującej korzystającego",
                  "{{ korzystajacy.reprezentant }}"))
    _tiny_last_paragraph(b)
    _tie_abbreviations(b)
    return b


BUILDERS: dict[str, Callable[[], Builder]] = {
    "kontrakt_socjalny.docx": build_contract,
    "regulamin_kis.docx": build_regulations,
    "wniosek_o_przyjecie.docx": build_application,
    "zaswiadczenie.docx": build_certificate,
    "lista_obecnosci.docx": build_attendance_list,
    "program_kis.docx": build_programme,
    "zgloszenie_do_rejestru.docx": build_register_application,
    "sprawozdanie.docx": build_report,
    "harmonogram.docx": build_timetable,
    "porozumienie_wolontariackie.docx": build_volunteer_agreement,
    "zaswiadczenie_wolontariusza.docx": build_volunteer_certificate,
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
