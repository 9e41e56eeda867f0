"""The list of user actions, kept once.

Every entry says how the command line offers it (``command``): the CLI
generates the commands of the common shape (read the workbook, run, show,
write back) from these entries and takes the name and help of the others from
here; ``kis-xl demo`` runs the entries of ``DEMO`` in order on the demo club,
and the Excel ribbon (``kis-xl addin build``) shows one button per entry of
``USER_ACTIONS`` with the action name in the button's ``tag``.
Functions are named by import path so that listing the actions imports
nothing heavy (the ribbon front imports this module on every click).

An action function takes a ``Club`` and keyword options (at least
``today: date | None``, so that runs are reproducible) plus what the entry's
``needs`` asks of the user, and returns an ``ActionResult`` whose ``plan``
the front writes back (unless ``--no-write``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Needs(StrEnum):
    """What a ribbon click must collect before it runs the action."""

    NOTHING = "nothing"
    PARTICIPANT_ROWS = "participant_rows"
    """``ids``: the participants of the selected rows of "Uczestnicy" (None = all, when the
    selection is outside that table)."""
    MEETING_ROWS = "meeting_rows"
    """``ids``: the meetings of the selected rows of "Spotkania" (None = all)."""
    VOLUNTEER_ROWS = "volunteer_rows"
    """``ids``: the volunteers of the selected rows of "Wolontariusze" (None = all)."""
    ACTIVITY_AND_DATE = "activity_and_date"
    """``activity``: the selected row of "Program"; ``day``: asked, today by default."""
    ACTIVITY_AND_MONTH = "activity_and_month"
    """``activity``: the selected row of "Program"; ``month`` (mm.rrrr): asked, this month
    by default."""
    REGISTER_SHEET = "register_sheet"
    """``sheet``: the active sheet (the attendance register to save)."""


GROUPS: tuple[tuple[str, str], ...] = (
    # (ribbon group id, Polish label), in ribbon order
    ("participants", "Uczestnicy"),
    ("activities", "Zajęcia"),
    ("documents", "Dokumenty"),
    ("supervision", "Nadzór"),
)


@dataclass(frozen=True, slots=True)
class Option:
    """An option of a generated command, e.g. ``kis-xl outcomes --rok RRRR``."""

    flag: str
    """``--rok``; the Polish word after the dashes also names the value in usage errors."""
    keyword: str
    """The action function's keyword the value is passed as (``year``)."""
    help: str
    type: type = str
    metavar: str | None = None
    default: Any = None
    check: str | None = None
    """``module:function`` called with the value before the workbook is read; raises
    ``KisError`` with a Polish message when the value cannot be right."""

    @property
    def param(self) -> str:
        """The parameter name (Polish, from the flag) typer and its messages use."""
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True, slots=True)
class Command:
    """How the command line offers an action: ``kis-xl <name>``."""

    name: str
    """Command path: ``check``, ``meeting add``, ``templates check``."""
    help: str
    """Polish help (paragraphs separated by a blank line); the first is the one-line summary
    of ``kis-xl --help``."""
    generated: bool = False
    """The common shape ``kis-xl <name> PLIK [options] [--json] [--no-write]``: read the sheets
    the entry reads, run it on the whole club with its options, show the result, write its plan
    back. The CLI builds such a command from the entry alone (``kis_xl/fronts/commands/action.py``);
    the others are written by hand in ``kis_xl/fronts/commands/<first word>.py``."""
    options: tuple[Option, ...] = ()
    """Options of a generated command, before ``--json`` and ``--no-write``."""
    file_help: str = "Skoroszyt klubu (.xlsx)."
    json_help: str = "Wypisz wynik jako JSON (format opisany w README)."
    no_write_help: str = "Tylko pokaż wynik, nie zapisuj skoroszytu."
    findings_first: bool = False
    """Print the findings before the summary (the check: findings are its result)."""


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    """Stable identifier, used as the ribbon button tag."""
    label: str
    """Polish button label."""
    tip: str
    """Polish one-line description (ribbon screentip, help)."""
    target: str
    """``module:function`` taking a Club (and keyword options) and returning ActionResult."""
    sheets: tuple[str, ...] | None = None
    """Schema sheets the action reads (None = all); fewer sheets = faster clicks."""
    group: str = "participants"
    """Ribbon group id (``GROUPS``)."""
    image: str = "MacroPlay"
    """Built-in Office icon (``imageMso``) of the ribbon button."""
    needs: Needs = Needs.NOTHING
    options: tuple[tuple[str, Any], ...] = ()
    """Fixed keyword options passed to the function (e.g. the document kind)."""
    demo: bool = False
    """A workbook action: runs on the whole club, returns a write plan; ``kis-xl demo`` runs
    these in order."""
    snapshot: bool = False
    """The action also reads the workbook *file* (e.g. to copy it): from the ribbon it gets a
    copy of the open workbook as it is now (``source``), not the last saved file."""
    command: Command | None = None
    """How ``kis-xl`` offers the action (several entries may share one command: ``docs``)."""
    demo_options: str | None = None
    """``module:function`` ``(DemoRun, ActionSpec) -> keyword options | None`` with which
    ``kis-xl demo`` runs an entry that needs more than the day (which activity, where to put
    files); None = not in this demo (e.g. no documents for the big club)."""

    def load(self) -> Any:
        return load(self.target)


def load(target: str) -> Any:
    """The function named ``module:function`` (imported only now: listing stays light)."""
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


_DOCS = Command(
    "docs",
    "Utwórz dokumenty Word z szablonów: kontrakty, wnioski, zaświadczenia, listy obecności…\n\n"
    "Skoroszyt zmienia tylko zaświadczenie: jego numer i datę wydania dopisuje do arkusza "
    "„Rejestr zaświadczeń”, a datę – do pustej komórki „Data wydania zaświadczenia” "
    "uczestnika (przedtem kopia zapasowa). Istniejące pliki nie są nadpisywane (nowe dostają "
    "dopisek „(2)”). Kod wyjścia: 0 – utworzono dokumenty, 1 – błędne ID lub rodzaj, brak "
    "LibreOffice przy --pdf, 2 – nie można odczytać skoroszytu lub szablonu.",
)
"""``kis-xl docs PLIK RODZAJ``: every document kind, one command."""


def _doc(name: str, label: str, kind: str, *, image: str, tip: str, needs: Needs) -> ActionSpec:
    return ActionSpec(name, label, tip, "kis_xl.actions.docs:documents_action",
                      group="documents", image=image, needs=needs, options=(("kind", kind),),
                      command=_DOCS, demo_options="kis_xl.demo.run:documents_options")


_REGISTER = Command(
    "dziennik",
    "Dziennik obecności: utwórz arkusz miesiąca dla jednych zajęć (uczestnicy w wierszach, "
    "spotkania w kolumnach, lista rozwijana w komórkach) albo zapisz go (--zapisz) w arkuszu "
    "„Obecności”.\n\n"
    "Zapis dopisuje nowe obecności i zmienia zmienione; wyczyszczonej komórki nie usuwa bez "
    "--wyczysc. Kod wyjścia: 0 – zapisano, 1 – część komórek pominięto z powodu błędów, "
    "2 – nie można odczytać skoroszytu albo wykonać polecenia (np. nieznane zajęcia, "
    "niezapisane zaznaczenia poprzedniego dziennika).",
)
"""``kis-xl dziennik PLIK --zajecia Z03 --miesiac 12.2026 [--zapisz]``: both register buttons."""
_REGISTER_SHEETS = None
"""The register lists whom the attendance list names: the check's verdict counts, so every
sheet is read (as for documents)."""

CHECK_SHEETS: tuple[str, ...] = (
    "participants", "pup_periods", "decisions", "activities", "enrolments", "outcomes",
    "contracts", "partners", "staff", "grants", "timetable", "exchanges", "groups",
    "group_members", "volunteers", "certificates",
)
"""What the participants check reads: every data sheet but the big registers "Spotkania" and
"Obecności" (nine tenths of a big office's workbook), whose data the hours action reads and
checks; a click on "Sprawdź uczestników" need not parse 100,000 attendance rows."""

_PEOPLE = " dla zaznaczonych wierszy arkusza „Uczestnicy” (albo wszystkich, gdy zaznaczenie " \
    "jest poza tabelą) w folderze „dokumenty” obok skoroszytu."

_VOLUNTEERS = " dla zaznaczonych wierszy arkusza „Wolontariusze” (albo wszystkich, gdy " \
    "zaznaczenie jest poza tabelą) w folderze „dokumenty” obok skoroszytu."

USER_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "check", "Sprawdź uczestników",
        "Sprawdza, czy uczestnicy mogą brać udział w klubie i czy przyjęcie udokumentowano; "
        "wpisuje statusy i tworzy arkusz „Wynik kontroli”.",
        "kis_xl.actions.check:check",
        CHECK_SHEETS,
        group="participants", image="DataValidation", demo=True,
        command=Command(
            "check",
            "Sprawdź uczestników (kwalifikacja, przyjęcie, dane) i zapisz statusy w "
            "skoroszycie.\n\n"
            "Kod wyjścia: 0 – brak błędów, 1 – znaleziono błędy, 2 – nie można odczytać pliku.",
            generated=True, file_help="Skoroszyt klubu, np. klub.xlsx.",
            json_help="Wypisz ustalenia i podsumowanie jako JSON.",
            no_write_help="Tylko pokaż wynik, nie zapisuj nic w skoroszycie.",
            findings_first=True,
        ),
    ),
    ActionSpec(
        "hours", "Policz godziny",
        "Liczy godziny uczestników, realizację planu według zajęć, specjalistów i miesięcy oraz "
        "frekwencję; tworzy arkusz „Wynik godzin” z wykresami.",
        "kis_xl.actions.hours:hours_action",
        ("participants", "activities", "enrolments", "meetings", "attendance",
         "group_members"),
        group="activities", image="AutoSum", demo=True,
        command=Command(
            "hours",
            "Policz godziny uczestników, realizację planu zajęć i frekwencję (arkusz „Wynik "
            "godzin” z wykresami).",
            generated=True,
        ),
    ),
    ActionSpec(
        "outcomes", "Rezultaty",
        "Liczy uczestników, ukończenia, efekty reintegracji i zatrudnienie po ukończeniu "
        "według kategorii (art. 18a ust. 6 pkt 2); tworzy arkusz „Wynik rezultatów”.",
        "kis_xl.actions.outcomes:outcomes_action",
        ("participants", "outcomes"),
        group="supervision", image="PivotTableInsert", demo=True,
        command=Command(
            "outcomes",
            "Policz rezultaty uczestników według kategorii (art. 18a ust. 6 pkt 2): ukończenia, "
            "efekty reintegracji, zatrudnienie po ukończeniu (arkusz „Wynik rezultatów”).",
            generated=True,
            options=(Option("--rok", "year", "Rok sprawozdawczy; domyślnie z arkusza "
                            "„Ustawienia” (pusty = cały okres).", type=int, metavar="RRRR",
                            check="kis_xl.actions.outcomes:check_year"),),
        ),
    ),
    # selfhelp-a: the club's week and partners (issue 11)
    ActionSpec(
        "timetable", "Harmonogram tygodnia",
        "Zestawia tydzień klubu do wydruku na tablicę ogłoszeń, sprawdza godziny punktu "
        "informacyjnego i porozumienia z partnerami; tworzy arkusz „Harmonogram tygodnia”.",
        "kis_xl.actions.timetable:timetable_action",
        ("activities", "partners", "timetable"),
        group="activities", image="FilePrint", demo=True,
        command=Command(
            "timetable",
            "Zestaw harmonogram tygodnia do wydruku, sprawdź punkt informacyjny i porozumienia "
            "z partnerami (arkusz „Harmonogram tygodnia”).",
            generated=True,
        ),
    ),
    ActionSpec(
        "meeting_add", "Nowe spotkanie",
        "Dopisuje spotkanie zajęć z zaznaczonego wiersza arkusza „Program” (data – domyślnie "
        "dzisiejsza) i obecność całej grupy; potem zaznacz w „Obecnościach” nieobecnych.",
        "kis_xl.actions.meeting:add_meeting",
        ("participants", "pup_periods", "decisions", "activities", "enrolments", "meetings",
         "attendance", "group_members"),
        group="activities", image="RecurrenceEdit", needs=Needs.ACTIVITY_AND_DATE,
        command=Command(
            "meeting add",
            "Dodaj spotkanie i pusty wiersz obecności dla każdego uczestnika zajęć; potem wpisz "
            "w arkuszu „Obecności” obecność z podpisanej listy (z --obecni: „obecny” dla "
            "wszystkich, zaznacz tylko nieobecnych).",
        ),
        demo_options="kis_xl.demo.run:meeting_options",
    ),
    # the monthly attendance register (issue 20): build, tick, save back
    ActionSpec(
        "register", "Dziennik obecności",
        "Tworzy arkusz dziennika obecności zajęć z zaznaczonego wiersza arkusza „Program” na "
        "wybrany miesiąc: uczestnicy i spotkania, lista rozwijana w każdej komórce, sumy, "
        "wydruk na jednej stronie A4.",
        "kis_xl.actions.register:register_action",
        _REGISTER_SHEETS, group="activities", image="DataValidation",
        needs=Needs.ACTIVITY_AND_MONTH, snapshot=True, command=_REGISTER,
        demo_options="kis_xl.demo.run:register_options",
    ),
    ActionSpec(
        "register_save", "Zapisz dziennik",
        "Zapisuje obecności z otwartego arkusza dziennika w arkuszu „Obecności”: dopisuje "
        "nowe, zmienia zmienione, niczego nie usuwa; kopia zapasowa i wpis w dzienniku zmian.",
        "kis_xl.actions.register:register_action",
        _REGISTER_SHEETS, group="activities", image="FileSave",
        needs=Needs.REGISTER_SHEET, options=(("save", True),), snapshot=True,
        command=_REGISTER, demo_options="kis_xl.demo.run:register_save_options",
    ),
    _doc("docs_contract", "Kontrakt socjalny", "kontrakt", image="SignatureLineInsert",
         tip="Tworzy kontrakty socjalne" + _PEOPLE, needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_application", "Wniosek", "wniosek", image="FileNew",
         tip="Tworzy wnioski o przyjęcie do klubu" + _PEOPLE, needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_certificate", "Zaświadczenie", "zaswiadczenie", image="FilePrintQuick",
         tip="Tworzy zaświadczenia o zakończeniu uczestnictwa" + _PEOPLE + " Numer i datę "
         "wydania zapisuje w arkuszu „Rejestr zaświadczeń”.", needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_attendance", "Lista obecności", "lista", image="TableInsertExcel",
         tip="Tworzy listy obecności dla zaznaczonych wierszy arkusza „Spotkania” (albo wszystkich "
         "spotkań, gdy zaznaczenie jest poza tabelą).", needs=Needs.MEETING_ROWS),
    _doc("docs_regulations", "Regulamin", "regulamin", image="FilePrintPreview",
         tip="Tworzy regulamin klubu z danych skoroszytu.", needs=Needs.NOTHING),
    _doc("docs_programme", "Program", "program", image="SmartArtInsert",
         tip="Tworzy program klubu z arkusza „Program”.", needs=Needs.NOTHING),
    # selfhelp-a: the weekly timetable for the notice board (issue 11)
    _doc("docs_timetable", "Harmonogram", "harmonogram", image="FilePrint",
         tip="Tworzy tygodniowy harmonogram zajęć i dyżurów na tablicę ogłoszeń (Word) "
         "z arkuszy „Harmonogram” i „Partnerzy”.", needs=Needs.NOTHING),
    _doc("docs_register", "Zgłoszenie do rejestru", "zgloszenie", image="FileProperties",
         tip="Tworzy zgłoszenie klubu do rejestru klubów integracji społecznej prowadzonego "
         "przez wojewodę (składa je podmiot prowadzący klub).", needs=Needs.NOTHING),
    # volunteers (issue 11): the agreement (art. 44 ust. 1) and the certificate (ust. 2)
    _doc("docs_volunteer_agreement", "Porozumienie wolontariackie", "porozumienie",
         image="SignatureLineInsert",
         tip="Tworzy porozumienia wolontariackie (art. 44 ustawy o działalności pożytku "
         "publicznego i o wolontariacie)" + _VOLUNTEERS, needs=Needs.VOLUNTEER_ROWS),
    _doc("docs_volunteer_certificate", "Zaświadczenie wolontariusza",
         "zaswiadczenie_wolontariusza", image="FilePrintQuick",
         tip="Tworzy zaświadczenia o wykonaniu świadczeń (na żądanie wolontariusza; tylko gdy "
         "świadczenia już się zaczęły)" + _VOLUNTEERS, needs=Needs.VOLUNTEER_ROWS),
    ActionSpec(
        "report", "Wyślij do nadzoru",
        "Tworzy sprawozdanie dla wojewody (art. 18a ust. 6) w Wordzie i Excelu i szkic "
        "e-maila do nadzoru w folderze „sprawozdanie_RRRR” obok skoroszytu, sprawdzone, że nie "
        "zawierają danych osób. Kopii pseudonimizowanej i pełnego skoroszytu nie dołącza: "
        "wychodzą tylko zaszyfrowane hasłem – kis-xl report --szyfruj.",
        "kis_xl.actions.report:report_action",
        group="supervision", image="FileSendAsAttachment",
        options=(("eml", True), ("open_draft", True)), snapshot=True,
        command=Command(
            "report",
            "Przygotuj sprawozdanie dla wojewody (art. 18a ust. 6) i paczkę dla nadzoru: "
            "sprawozdanie .docx i .xlsx, z hasłem także zaszyfrowaną kopię pseudonimizowaną "
            "i zaszyfrowany skoroszyt, opcjonalnie szkic e-maila; przed zapisem wszystko "
            "sprawdza skaner danych osobowych. Skoroszyt nie jest zmieniany.",
        ),
        demo_options="kis_xl.demo.run:report_options",
    ),
    # ------------------------------------------------------ self-help (issue 11, part B)
    ActionSpec(
        "exchange", "Bilans wymiany",
        "Liczy godziny usług danych i otrzymanych w wymianie usług (bank czasu) oraz saldo "
        "każdego uczestnika; tworzy arkusz „Bilans wymiany”.",
        "kis_xl.actions.exchange:exchange_action",
        ("participants", "exchanges"),
        group="activities", image="ReviewShareWorkbook", demo=True,
        command=Command(
            "exchange",
            "Policz bilans wymiany usług (bank czasu): godziny dane, otrzymane i saldo każdego "
            "uczestnika (arkusz „Bilans wymiany”).",
            generated=True,
        ),
    ),
    ActionSpec(
        "templates_check", "Sprawdź szablony",
        "Sprawdza szablony dokumentów Word (folder szablonów z arkusza „Ustawienia” albo "
        "szablony programu): nieznane nazwy danych, znaczniki rozbite przez Worda.",
        "kis_xl.actions.docs:templates_action",
        ("settings",),
        group="supervision", image="Spelling",
        command=Command(
            "templates check",
            "Sprawdź szablony: nieznane nazwy danych, znaczniki rozbite przez Worda, błędy "
            "składni.\n\n"
            "Kod wyjścia: 0 – bez problemów, 1 – znaleziono problemy, 2 – brak folderu.",
        ),
    ),
)

ACTIONS: tuple[ActionSpec, ...] = tuple(a for a in USER_ACTIONS if a.demo)
"""The workbook actions (whole club, a write plan), in the order the demo runs them."""

DEMO: tuple[str, ...] = (
    "meeting_add",  # first: as staff would, so that the workbook actions count the meeting
    "register", "register_save",  # then the month's register, ticked and saved
    *(a.name for a in ACTIONS),
    *(a.name for a in USER_ACTIONS if a.command is _DOCS),
    "report",
)
"""The entries ``kis-xl demo`` runs, in order, on the demo club: each with ``today`` and
its ``demo_options``."""


def get(name: str) -> ActionSpec:
    for a in USER_ACTIONS:
        if a.name == name:
            return a
    raise KeyError(name)


def command(name: str) -> Command:
    """The command ``kis-xl <name>`` of the registry (name and help of a hand-written one)."""
    for a in USER_ACTIONS:
        if a.command is not None and a.command.name == name:
            return a.command
    raise KeyError(name)
