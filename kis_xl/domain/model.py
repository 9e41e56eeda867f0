"""Typed records of a club, as the pure logic sees them.

Field names equal the schema's column keys (a test keeps them in step), so
the reader can fill them generically. Every record carries ``row``: the Excel
row it came from, which every finding about it points to. Values are already
parsed (dates are ``date``, hours ``float``, choices canonical strings); a
cell that could not be read is ``None`` and has its own finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from kis_xl.domain.findings import Finding, Names


@dataclass(slots=True)
class Participant:
    row: int
    id: str
    last_name: str | None = None
    first_name: str | None = None
    pesel: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    category: str | None = None
    category_2: str | None = None
    proof_document: str | None = None
    therapy_end: date | None = None
    therapy_completed: str | None = None
    benefits: tuple[str, ...] = ()
    rodo_info_date: date | None = None
    consent_date: date | None = None
    application_date: date | None = None
    interview_date: date | None = None
    contract_date: date | None = None
    contract_from: date | None = None
    start_date: date | None = None
    planned_end: date | None = None
    end_date: date | None = None
    end_reason: str | None = None
    certificate_date: date | None = None
    social_worker: str | None = None
    welfare_benefits: str | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def active_on(self, day: date) -> bool:
        """Taking part on ``day``: started, and not yet ended."""
        if self.start_date is None or day < self.start_date:
            return False
        return self.end_date is None or day <= self.end_date


@dataclass(slots=True)
class PupPeriod:
    row: int
    participant: str
    registered_from: date | None = None
    registered_to: date | None = None
    kind: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class Activity:
    row: int
    id: str
    name: str | None = None
    type: str | None = None
    form: str | None = None
    specialist: str | None = None
    planned_meetings: int | None = None
    hours_per_meeting: float | None = None
    hours_per_person: float | None = None
    planned_persons: int | None = None
    leader: str | None = None
    notes: str | None = None
    group: str | None = None

    @property
    def is_group(self) -> bool:
        return self.form == "grupowe"


@dataclass(slots=True)
class Enrolment:
    row: int
    participant: str
    activity: str
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class Meeting:
    row: int
    id: str
    date: date | None = None
    start: time | None = None
    end: time | None = None
    activity: str | None = None
    hours: float | None = None
    leader: str | None = None
    place: str | None = None
    topic: str | None = None


@dataclass(slots=True)
class Attendance:
    row: int
    meeting: str
    participant: str
    status: str | None = None
    hours: float | None = None
    notes: str | None = None


@dataclass(slots=True)
class Outcome:
    row: int
    participant: str
    date: date | None = None
    type: str | None = None
    description: str | None = None
    institution: str | None = None
    proof: str | None = None


@dataclass(slots=True)
class ContractEntry:
    row: int
    participant: str
    entry: str | None = None
    text: str | None = None
    deadline: date | None = None
    responsible: str | None = None
    variant: str | None = None


@dataclass(slots=True)
class Decision:
    row: int
    participant: str
    code: str | None = None
    decision: str | None = None
    justification: str | None = None
    decided_by: str | None = None
    decided_on: date | None = None


@dataclass(slots=True)
class Partner:
    row: int
    name: str
    type: str | None = None
    address: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None
    scope: str | None = None
    agreement_date: date | None = None
    agreement_end: date | None = None


@dataclass(slots=True)
class StaffMember:
    row: int
    name: str
    role: str | None = None
    fte: float | None = None
    basis: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(slots=True)
class Grant:
    row: int
    year: int | None
    source: str | None = None
    purpose: str | None = None
    granted: float | None = None
    spent: float | None = None
    returned: float | None = None
    settled_on: date | None = None
    notes: str | None = None


@dataclass(slots=True)
class TimetableSlot:
    row: int
    weekday: str | None
    start: time | None = None
    end: time | None = None
    activity: str | None = None
    name: str | None = None
    leader: str | None = None
    place: str | None = None
    group: str | None = None
    kind: str | None = None
    partner: str | None = None


# ------------------------------------------------------------------ self-help (issue 11, part B)


@dataclass(slots=True)
class Exchange:
    """One service of the time bank: ``giver`` worked ``hours`` for ``receiver``."""

    row: int
    date: date | None = None
    giver: str | None = None
    receiver: str | None = None
    service: str | None = None
    hours: float | None = None
    notes: str | None = None


@dataclass(slots=True)
class Group:
    """A self-help, support, therapeutic or educational group and its animator."""

    row: int
    id: str
    name: str | None = None
    type: str | None = None
    animator: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    notes: str | None = None


@dataclass(slots=True)
class GroupMember:
    row: int
    group: str
    participant: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class Volunteer:
    row: int
    id: str
    last_name: str | None = None
    first_name: str | None = None
    pesel: str | None = None
    sex: str | None = None
    address: str | None = None
    phone: str | None = None
    scope: str | None = None
    activity: str | None = None
    schedule: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    weekly_hours: float | None = None
    hours: float | None = None
    agreement_date: date | None = None
    certificate_request_date: date | None = None
    works_with_minors: str | None = None
    register_check_date: date | None = None
    register_check_result: str | None = None
    certificate_date: date | None = None
    opinion: str | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(slots=True)
class Settings:
    club_name: str | None = None
    operator: str | None = None
    operating_unit: str | None = None
    operator_address: str | None = None
    operator_phone: str | None = None
    operator_fax: str | None = None
    operator_email: str | None = None
    operator_type: str | None = None
    operator_krs: str | None = None
    operator_regon: str | None = None
    kis_register_number: str | None = None
    kis_register_date: date | None = None
    head_of_office: str | None = None
    representative: str | None = None
    representative_function: str | None = None
    representative_basis: str | None = None
    signs_for: str | None = None
    dpo_contact: str | None = None
    data_retention: str | None = None
    club_address: str | None = None
    club_postal_code: str | None = None
    club_city: str | None = None
    club_phone: str | None = None
    club_email: str | None = None
    area: str | None = None
    needs_diagnosis: str | None = None
    coordinator: str | None = None
    supervisor: str | None = None
    supervisor_email: str | None = None
    voivode_office: str | None = None
    created_date: date | None = None
    activity_start: date | None = None
    rule_profile: str = "ustawa 2025"
    max_months: int = 12
    interview_required: str = "tak"
    interview_basis: str | None = "§ 14 regulaminu klubu"
    consent_required: str = "nie"
    certificate_days: int = 14
    attendance_threshold: float = 0.8
    employment_window_months: int = 3
    reporting_year: int | None = None
    supervisor_totals_only: str = "nie"
    report_publication: str = "nie"
    report_plan: str | None = None
    templates_dir: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    """Setting key -> Excel row in the settings sheet (for findings)."""


@dataclass(slots=True)
class SheetLayout:
    """Where a schema sheet was found in the workbook (writers and links need it)."""

    key: str
    name: str
    header_row: int
    columns: dict[str, int]
    """Column key -> 1-based column index."""
    headers: dict[str, str]
    """Column key -> header text exactly as typed in the workbook."""
    last_row: int

    def cell(self, column_key: str, row: int) -> str | None:
        """A1 reference of a cell, or None when the column is missing."""
        from kis_xl.domain.text import column_letter

        index = self.columns.get(column_key)
        return f"{column_letter(index)}{row}" if index else None


@dataclass(slots=True)
class CertificateEntry:
    """A row of "Rejestr zaświadczeń": a certificate of art. 18 ust. 5a that was issued."""

    row: int
    number: str
    date: date | None = None
    participant: str | None = None
    name: str | None = None
    notes: str | None = None


RECORD_TYPES: dict[str, type[Any]] = {
    "participants": Participant,
    "pup_periods": PupPeriod,
    "activities": Activity,
    "enrolments": Enrolment,
    "meetings": Meeting,
    "attendance": Attendance,
    "outcomes": Outcome,
    "contracts": ContractEntry,
    "decisions": Decision,
    "partners": Partner,
    "staff": StaffMember,
    "grants": Grant,
    "timetable": TimetableSlot,
    "exchanges": Exchange,
    "groups": Group,
    "group_members": GroupMember,
    "volunteers": Volunteer,
    "certificates": CertificateEntry,
}


@dataclass
class Club:
    settings: Settings = field(default_factory=Settings)
    participants: list[Participant] = field(default_factory=list)
    pup_periods: list[PupPeriod] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    contracts: list[ContractEntry] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    timetable: list[TimetableSlot] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    group_members: list[GroupMember] = field(default_factory=list)
    volunteers: list[Volunteer] = field(default_factory=list)
    certificates: list[CertificateEntry] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Vocabulary key -> values found in the lists sheet (canonical and the club's own)."""
    club_terms: dict[str, list[str]] = field(default_factory=dict)
    """Vocabulary key -> values the club added to an extensible list."""
    layouts: dict[str, SheetLayout] = field(default_factory=dict)
    sheet_names: dict[str, str] = field(default_factory=dict)
    """Sheet key -> the sheet's name as the workbook spells it (every sheet found)."""
    findings: list[Finding] = field(default_factory=list)
    """Problems met while reading; actions add their own to these."""
    source: Path | None = None

    @property
    def names(self) -> Names:
        """Schema keys -> this workbook's own sheet names and headers (``findings.locate``)."""
        return Names(
            sheets={**self.sheet_names, **{k: lay.name for k, lay in self.layouts.items()}},
            headers={k: lay.headers for k, lay in self.layouts.items()},
        )

    def participant(self, pid: str) -> Participant | None:
        return self._index("participants").get(pid)

    def activity(self, aid: str) -> Activity | None:
        return self._index("activities").get(aid)

    def meeting(self, mid: str) -> Meeting | None:
        return self._index("meetings").get(mid)

    def _index(self, key: str) -> dict[str, Any]:
        cache: dict[str, dict[str, Any]] = self.__dict__.setdefault("_indexes", {})
        if key not in cache:
            cache[key] = {r.id: r for r in reversed(getattr(self, key))}
        return cache[key]
