"""Whether admission followed the procedure: application, interview, contract, dates, duration.

§ 13 (written application), § 14 (family interview and social contract before
participation starts; art. 18 ust. 4 makes the contract a condition), § 15 or
the club's setting (maximum duration), art. 18 ust. 5a (certificate after the
end). A start date in the future is allowed: admission may be planned ahead.
Whether an ended participation records its reason is the outcomes report's
concern (``kis_xl.outcomes``), not admission's.
"""

from __future__ import annotations

from collections.abc import Iterator

from kis_xl.findings import Finding, FindingType, Severity
from kis_xl.model import Participant
from kis_xl.rules.base import Ctx, fmt, rule_type
from kis_xl.rules.periods import ONE_DAY, add_months, months_between

START_MISSING = rule_type(
    "start-date-missing", Severity.ERROR, "Brak daty rozpoczęcia udziału",
    "Nie wpisano daty rozpoczęcia udziału, więc nie można sprawdzić warunków przyjęcia. Wpisz "
    "datę, od której uczestnik bierze udział w zajęciach (lub planowaną datę przyjęcia).",
)
APPLICATION_MISSING = rule_type(
    "application-missing", Severity.ERROR, "Brak pisemnego wniosku o przyjęcie",
    "Nie wpisano daty pisemnego wniosku o przyjęcie. Przyjęcie następuje na pisemny wniosek "
    "uczestnika: wpisz datę wniosku albo uzupełnij wniosek.",
)
APPLICATION_LATE = rule_type(
    "application-after-start", Severity.ERROR, "Wniosek złożony po rozpoczęciu udziału",
    "Wniosek o przyjęcie ma datę {date}, późniejszą niż rozpoczęcie udziału ({start}). Sprawdź "
    "daty: wniosek poprzedza przyjęcie.",
)
INTERVIEW_MISSING = rule_type(
    "interview-missing", Severity.ERROR, "Brak wywiadu środowiskowego",
    "Nie wpisano daty wywiadu środowiskowego, a regulamin klubu wymaga go przed przyjęciem: "
    "wpisz jego datę albo przeprowadź wywiad przed rozpoczęciem udziału. (Ustawa tego nie "
    "wymaga; jeśli regulamin klubu też nie, ustaw „Wymagany wywiad środowiskowy” na „nie”.)",
)
INTERVIEW_LATE = rule_type(
    "interview-after-start", Severity.ERROR, "Wywiad środowiskowy po rozpoczęciu udziału",
    "Wywiad środowiskowy ma datę {date}, późniejszą niż rozpoczęcie udziału ({start}). Wywiad "
    "przeprowadza się przed przyjęciem: sprawdź daty.",
)
CONTRACT_MISSING = rule_type(
    "contract-missing", Severity.ERROR, "Brak kontraktu socjalnego",
    "Nie wpisano daty podpisania kontraktu socjalnego. Warunkiem uczestnictwa w klubie jest "
    "realizacja kontraktu socjalnego: wpisz datę podpisania albo zawrzyj kontrakt.",
)
CONTRACT_LATE = rule_type(
    "contract-after-start", Severity.ERROR, "Kontrakt socjalny podpisany po rozpoczęciu udziału",
    "Kontrakt socjalny podpisano {date}, po rozpoczęciu udziału ({start}). Kontrakt podpisuje "
    "się najpóźniej w dniu przyjęcia: sprawdź daty.",
)
END_BEFORE_START = rule_type(
    "participation-end-before-start", Severity.ERROR, "Zakończenie przed rozpoczęciem udziału",
    "„{column}” ({end}) jest wcześniejsza niż data rozpoczęcia udziału ({start}). Popraw "
    "jedną z dat.",
)
PLANNED_END_TOO_LATE = rule_type(
    "planned-end-too-late", Severity.ERROR, "Planowany okres uczestnictwa za długi",
    "Planowane zakończenie {end} wypada po upływie {max} mies. od rozpoczęcia ({start}); "
    "najpóźniejsza dopuszczalna data to {limit}. Skróć planowany okres.",
)
PARTICIPATION_TOO_LONG = rule_type(
    "participation-too-long", Severity.ERROR, "Przekroczony maksymalny okres uczestnictwa",
    "Uczestnictwo {state} od {start} do {end} ({months} mies.), dłużej niż dopuszczalne {max} "
    "mies. (najpóźniej do {limit}). Zakończ udział albo popraw daty.",
    eligibility=True,
)
END_OVERDUE = rule_type(
    "end-overdue", Severity.WARNING, "Minęła planowana data zakończenia",
    "Planowana data zakończenia ({planned}) minęła, a nie wpisano daty zakończenia udziału. "
    "Wpisz datę i powód zakończenia albo przesuń planowaną datę.",
)
CERTIFICATE_WITHOUT_END = rule_type(
    "certificate-without-end", Severity.ERROR, "Zaświadczenie bez zakończenia udziału",
    "Wpisano datę zaświadczenia o uczestnictwie ({date}), ale nie datę zakończenia udziału. "
    "Wpisz datę zakończenia albo usuń datę zaświadczenia.",
)
CERTIFICATE_BEFORE_END = rule_type(
    "certificate-before-end", Severity.ERROR, "Zaświadczenie przed zakończeniem udziału",
    "Zaświadczenie o uczestnictwie ma datę {date}, wcześniejszą niż zakończenie udziału "
    "({end}). Zaświadczenie wydaje się po zakończeniu: sprawdź daty.",
)

_STEPS: tuple[tuple[str, FindingType, FindingType], ...] = (
    ("application_date", APPLICATION_MISSING, APPLICATION_LATE),
    ("interview_date", INTERVIEW_MISSING, INTERVIEW_LATE),
    ("contract_date", CONTRACT_MISSING, CONTRACT_LATE),
)


def check(ctx: Ctx) -> Iterator[Finding]:
    max_months = ctx.profile.effective_max_months(ctx.club.settings)
    for p in ctx.club.participants:
        yield from _procedure(ctx, p)
        if p.start_date is not None:
            yield from _order(ctx, p)
            yield from _duration(ctx, p, max_months)
        yield from _ending(ctx, p)


def _procedure(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    start = p.start_date
    if start is None and ctx.blank(p, "start_date"):
        yield START_MISSING(**ctx.at(p, "start_date"))
    bases = {
        "application_date": ctx.profile.application_basis,
        "interview_date": ctx.profile.interview(ctx.club.settings),
        "contract_date": ctx.profile.contract_basis,
    }
    for key, missing, late in _STEPS:
        day = getattr(p, key)
        basis = bases[key]
        if basis is None:
            continue  # not required by the rules in force (the club's setting)
        if day is None:
            if ctx.blank(p, key):
                yield missing(**ctx.at(p, key), basis=basis)
        elif start is not None and day > start:
            yield late(**ctx.at(p, key), date=fmt(day), start=fmt(start), basis=basis)


def _order(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    assert p.start_date is not None
    for key in ("end_date", "planned_end"):
        day = getattr(p, key)
        if day is not None and day < p.start_date:
            where = ctx.at(p, key)
            yield END_BEFORE_START(**where, end=fmt(day), start=fmt(p.start_date))


def _duration(ctx: Ctx, p: Participant, max_months: int) -> Iterator[Finding]:
    start = p.start_date
    assert start is not None
    limit = add_months(start, max_months) - ONE_DAY
    basis = ctx.profile.duration_basis
    if p.planned_end is not None and p.planned_end > limit:
        yield PLANNED_END_TOO_LATE(**ctx.at(p, "planned_end"), end=fmt(p.planned_end),
                                   start=fmt(start), max=max_months, limit=fmt(limit),
                                   basis=basis)
    if ctx.reported("participants", p.row, "end_date"):
        return  # the end date is unreadable: the reader said so, nothing to measure
    end = p.end_date if p.end_date is not None else (ctx.today if start <= ctx.today else None)
    if end is not None and end > limit:
        yield PARTICIPATION_TOO_LONG(
            **ctx.at(p, "end_date"), state="trwało" if p.end_date else "trwa", start=fmt(start),
            end=fmt(end), months=months_between(start, end), max=max_months, limit=fmt(limit),
            basis=basis,
        )
    elif p.end_date is None and p.planned_end is not None and start <= p.planned_end < ctx.today:
        yield END_OVERDUE(**ctx.at(p, "end_date"), planned=fmt(p.planned_end))


def _ending(ctx: Ctx, p: Participant) -> Iterator[Finding]:
    if p.certificate_date is None:
        return
    basis = ctx.profile.certificate_basis
    if p.end_date is None:
        if ctx.blank(p, "end_date"):
            yield CERTIFICATE_WITHOUT_END(**ctx.at(p, "certificate_date"),
                                          date=fmt(p.certificate_date), basis=basis)
    elif p.certificate_date < p.end_date:
        yield CERTIFICATE_BEFORE_END(**ctx.at(p, "certificate_date"),
                                     date=fmt(p.certificate_date), end=fmt(p.end_date),
                                     basis=basis)
