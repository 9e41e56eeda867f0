"""The list of user actions, kept once.

The CLI documents them, ``kis-xl demo`` runs the workbook actions in order on
the demo club, and the Excel ribbon (``kis-xl addin build``) shows one button
per entry of ``USER_ACTIONS`` with the action name in the button's ``tag``.
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


GROUPS: tuple[tuple[str, str], ...] = (
    # (ribbon group id, Polish label), in ribbon order
    ("participants", "Uczestnicy"),
    ("activities", "Zajęcia"),
    ("documents", "Dokumenty"),
    ("supervision", "Nadzór"),
)


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

    def load(self) -> Any:
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)


def _doc(name: str, label: str, kind: str, *, image: str, tip: str, needs: Needs) -> ActionSpec:
    return ActionSpec(name, label, tip, "kis_xl.actions.docs:documents_action",
                      group="documents", image=image, needs=needs, options=(("kind", kind),))


CHECK_SHEETS: tuple[str, ...] = (
    "participants", "pup_periods", "decisions", "activities", "enrolments", "outcomes",
    "contracts", "partners", "staff", "grants", "timetable", "exchanges", "groups",
    "group_members", "volunteers",
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
    ),
    ActionSpec(
        "hours", "Policz godziny",
        "Liczy godziny uczestników, realizację planu według zajęć, specjalistów i miesięcy oraz "
        "frekwencję; tworzy arkusz „Wynik godzin” z wykresami.",
        "kis_xl.actions.hours:hours_action",
        ("participants", "activities", "enrolments", "meetings", "attendance",
         "group_members"),
        group="activities", image="AutoSum", demo=True,
    ),
    ActionSpec(
        "outcomes", "Rezultaty",
        "Liczy uczestników, ukończenia, efekty reintegracji i zatrudnienie po ukończeniu "
        "według kategorii (art. 18a ust. 6 pkt 2); tworzy arkusz „Wynik rezultatów”.",
        "kis_xl.actions.outcomes:outcomes_action",
        ("participants", "outcomes"),
        group="supervision", image="PivotTableInsert", demo=True,
    ),
    # selfhelp-a: the club's week and partners (issue 11)
    ActionSpec(
        "timetable", "Harmonogram tygodnia",
        "Zestawia tydzień klubu do wydruku na tablicę ogłoszeń, sprawdza godziny punktu "
        "informacyjnego i porozumienia z partnerami; tworzy arkusz „Harmonogram tygodnia”.",
        "kis_xl.actions.timetable:timetable_action",
        ("activities", "partners", "timetable"),
        group="activities", image="FilePrint", demo=True,
    ),
    ActionSpec(
        "meeting_add", "Nowe spotkanie",
        "Dopisuje spotkanie zajęć z zaznaczonego wiersza arkusza „Program” (data – domyślnie "
        "dzisiejsza) i obecność całej grupy; potem zaznacz w „Obecnościach” nieobecnych.",
        "kis_xl.actions.meeting:add_meeting",
        ("participants", "activities", "enrolments", "meetings", "attendance",
         "group_members"),
        group="activities", image="NewAppointment", needs=Needs.ACTIVITY_AND_DATE,
    ),
    _doc("docs_contract", "Kontrakt socjalny", "kontrakt", image="SignatureLineInsert",
         tip="Tworzy kontrakty socjalne" + _PEOPLE, needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_application", "Wniosek", "wniosek", image="FileNew",
         tip="Tworzy wnioski o przyjęcie do klubu" + _PEOPLE, needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_certificate", "Zaświadczenie", "zaswiadczenie", image="AcceptInvitation",
         tip="Tworzy zaświadczenia o uczestnictwie" + _PEOPLE, needs=Needs.PARTICIPANT_ROWS),
    _doc("docs_attendance", "Lista obecności", "lista", image="TableInsert",
         tip="Tworzy listy obecności dla zaznaczonych wierszy arkusza „Spotkania” (albo wszystkich "
         "spotkań, gdy zaznaczenie jest poza tabelą).", needs=Needs.MEETING_ROWS),
    _doc("docs_regulations", "Regulamin", "regulamin", image="FilePrintPreview",
         tip="Tworzy regulamin klubu z danych skoroszytu.", needs=Needs.NOTHING),
    _doc("docs_programme", "Program", "program", image="SmartArtInsert",
         tip="Tworzy program klubu z arkusza „Program”.", needs=Needs.NOTHING),
    # selfhelp-a: the weekly timetable for the notice board (issue 11)
    _doc("docs_timetable", "Harmonogram", "harmonogram", image="DateAndTimeInsert",
         tip="Tworzy tygodniowy harmonogram zajęć i dyżurów na tablicę ogłoszeń (Word) "
         "z arkuszy „Harmonogram” i „Partnerzy”.", needs=Needs.NOTHING),
    # volunteers (issue 11): the agreement (art. 44 ust. 1) and the certificate (ust. 2)
    _doc("docs_volunteer_agreement", "Porozumienie wolontariackie", "porozumienie",
         image="SignatureInsert",
         tip="Tworzy porozumienia wolontariackie (art. 44 ustawy o działalności pożytku "
         "publicznego i o wolontariacie)" + _VOLUNTEERS, needs=Needs.VOLUNTEER_ROWS),
    _doc("docs_volunteer_certificate", "Zaświadczenie wolontariusza",
         "zaswiadczenie_wolontariusza", image="HappyFace",
         tip="Tworzy zaświadczenia o wykonaniu świadczeń (na żądanie wolontariusza; tylko gdy "
         "świadczenia już się zaczęły)" + _VOLUNTEERS, needs=Needs.VOLUNTEER_ROWS),
    ActionSpec(
        "report", "Wyślij do nadzoru",
        "Tworzy sprawozdanie dla wojewody (art. 18a ust. 6) w Wordzie i Excelu, "
        "pseudonimizowaną kopię skoroszytu i szkic e-maila do nadzoru w folderze "
        "„sprawozdanie_RRRR” obok skoroszytu. Pełnego skoroszytu nie dołącza: do szyfrowania "
        "hasłem służy kis-xl report --szyfruj.",
        "kis_xl.actions.report:report_action",
        group="supervision", image="FileSendAsAttachment",
        options=(("eml", True), ("open_draft", True)), snapshot=True,
    ),
    # ------------------------------------------------------ self-help (issue 11, part B)
    ActionSpec(
        "exchange", "Bilans wymiany",
        "Liczy godziny usług danych i otrzymanych w wymianie usług (bank czasu) oraz saldo "
        "każdego uczestnika; tworzy arkusz „Bilans wymiany”.",
        "kis_xl.actions.exchange:exchange_action",
        ("participants", "exchanges"),
        group="activities", image="ShareWorkbook", demo=True,
    ),
    ActionSpec(
        "templates_check", "Sprawdź szablony",
        "Sprawdza szablony dokumentów Word (folder szablonów z arkusza „Ustawienia” albo "
        "szablony programu): nieznane nazwy danych, znaczniki rozbite przez Worda.",
        "kis_xl.actions.docs:templates_action",
        ("settings",),
        group="supervision", image="Spelling",
    ),
)

ACTIONS: tuple[ActionSpec, ...] = tuple(a for a in USER_ACTIONS if a.demo)
"""The workbook actions, in the order the demo runs them."""


def get(name: str) -> ActionSpec:
    for a in USER_ACTIONS:
        if a.name == name:
            return a
    raise KeyError(name)
