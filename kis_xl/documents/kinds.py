"""The document kinds the office prints, kept once.

Each kind names its Word template, what one document is about (a
participant, a meeting, or the club as a whole), how its file is named, and
the context builder that fills it. The CLI's ``RODZAJ`` argument, the
template checker and the demo all read this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kis_xl.documents import contexts as ctx
from kis_xl.domain.model import Club
from kis_xl.domain.text import fold


class Subject(StrEnum):
    PARTICIPANT = "participant"
    MEETING = "meeting"
    CLUB = "club"
    VOLUNTEER = "volunteer"
    """A row of the "Wolontariusze" sheet."""


@dataclass(frozen=True, slots=True)
class DocumentKind:
    key: str
    """Polish CLI name (``kis-xl docs PLIK kontrakt``)."""
    template: str
    """File name of the Word template, in ``templates/`` or the club's own folder."""
    title: str
    """Polish name, also the start of each produced file's name."""
    subject: Subject
    build: Callable[[ctx.ClubData, Any], ctx.Context]
    aliases: tuple[str, ...] = ()

    @property
    def per_record(self) -> bool:
        return self.subject is not Subject.CLUB


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("kontrakt", "kontrakt_socjalny.docx", "Kontrakt socjalny", Subject.PARTICIPANT,
                 ctx.contract_context, ("kontrakt socjalny", "kontrakty")),
    DocumentKind("regulamin", "regulamin_kis.docx", "Regulamin KIS", Subject.CLUB,
                 ctx.regulations_context, ("regulamin kis", "regulamin organizacyjny")),
    DocumentKind("wniosek", "wniosek_o_przyjecie.docx", "Wniosek o przyjęcie",
                 Subject.PARTICIPANT, ctx.application_context, ("wniosek o przyjecie", "wnioski")),
    DocumentKind("zaswiadczenie", "zaswiadczenie.docx", "Zaświadczenie", Subject.PARTICIPANT,
                 ctx.certificate_context, ("zaswiadczenia", "zaswiadczenie o uczestnictwie")),
    DocumentKind("lista", "lista_obecnosci.docx", "Lista obecności", Subject.MEETING,
                 ctx.attendance_list_context, ("lista obecnosci", "listy", "obecnosci")),
    DocumentKind("program", "program_kis.docx", "Program KIS", Subject.CLUB,
                 ctx.programme_context, ("program kis",)),
    DocumentKind("zgloszenie", "zgloszenie_do_rejestru.docx", "Zgłoszenie do rejestru KIS",
                 Subject.CLUB, ctx.register_context,
                 ("zgloszenie do rejestru", "rejestr", "wpis", "wpis do rejestru",
                  "wpis_do_rejestru")),
    DocumentKind("sprawozdanie", "sprawozdanie.docx", "Sprawozdanie KIS", Subject.CLUB,
                 ctx.report_context, ("sprawozdanie roczne", "sprawozdanie dla wojewody")),
    # selfhelp-a: the weekly timetable for the notice board (issue 11)
    DocumentKind("harmonogram", "harmonogram.docx", "Harmonogram tygodnia", Subject.CLUB,
                 ctx.timetable_context, ("harmonogram tygodnia", "plan tygodnia", "tydzien")),
    # volunteers (issue 11): the agreement of art. 44 ust. 1 and the certificate of ust. 2
    DocumentKind("porozumienie", "porozumienie_wolontariackie.docx",
                 "Porozumienie wolontariackie", Subject.VOLUNTEER,
                 ctx.volunteer_agreement_context,
                 ("porozumienie wolontariackie", "porozumienia", "porozumienie z wolontariuszem")),
    DocumentKind("zaswiadczenie_wolontariusza", "zaswiadczenie_wolontariusza.docx",
                 "Zaświadczenie wolontariusza", Subject.VOLUNTEER,
                 ctx.volunteer_certificate_context,
                 ("zaswiadczenia wolontariuszy", "zaswiadczenie dla wolontariusza")),
)

SUBJECT_SHEETS: dict[Subject, tuple[str, str]] = {
    Subject.PARTICIPANT: ("participants", "uczestnika"),
    Subject.MEETING: ("meetings", "spotkania"),
    Subject.VOLUNTEER: ("volunteers", "wolontariusza"),
}
"""Per-record subjects: the schema sheet of their rows and the word for one (genitive)."""


def subject_records(club: Club, subject: Subject) -> list[Any]:
    """The records documents of ``subject`` are about, in sheet order ([None] for the club)."""
    if subject is Subject.CLUB:
        return [None]
    return list(getattr(club, SUBJECT_SHEETS[subject][0]))


BY_KEY: dict[str, DocumentKind] = {k.key: k for k in KINDS}
BY_TEMPLATE: dict[str, DocumentKind] = {k.template: k for k in KINDS}


def find_kind(name: str) -> DocumentKind | None:
    """The kind the user meant: key, alias or template file name; case and diacritics free."""
    key = fold(name.removesuffix(".docx"))
    for k in KINDS:
        names = (k.key, k.template.removesuffix(".docx"), k.title, *k.aliases)
        if key in (fold(n) for n in names):
            return k
    return None
