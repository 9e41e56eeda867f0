"""Every kind of finding kis_xl reports, declared in one place.

``catalog()`` below is the catalogue: importing this package declares every type, so it is
complete whatever else was imported: a coordinator's decision may name an attendance
finding during ``kis-xl check``, which never counts hours. The modules hold
plain data (codes, Polish titles and messages, legal bases) and import nothing
but ``kis_xl.domain.findings``, so loading all of them costs next to nothing. (``findings``
itself never imports this package: the catalogue sits above the shape it declares.)

Where a finding type is declared (one module per area; the area's code imports
the names it reports):

======================  ==========================================================
``reading``             ``kis_xl.workbook.values`` (cells), ``kis_xl.workbook.reader`` (sheets)
``rules``               ``kis_xl.domain.rules.eligibility``, ``.admission``, ``.data_quality``
``decisions``           ``kis_xl.domain.rules.overrides`` and ``.evaluate`` (decisions, settings)
``hours``               ``kis_xl.domain.hours``
``outcomes``            ``kis_xl.domain.outcomes``
``meeting``             ``kis_xl.actions.meeting``
``register``            ``kis_xl.domain.register`` (the monthly attendance register)
``report``              ``kis_xl.report.totals``
``club_week``           ``kis_xl.domain.rules.club_week`` (timetable, information point, partners)
``self_help``           ``kis_xl.domain.exchange`` (service exchange / time bank)
======================  ==========================================================

A new kind of finding goes into the module of its area; a new area gets a new
module here, imported below. ``tests/test_check_cli.py`` fails when a finding type
is declared anywhere else (it would be missing from the catalogue until its
module happened to be imported).
"""

from __future__ import annotations

from kis_xl.domain.finding_types import (
    club_week,
    decisions,
    hours,
    meeting,
    outcomes,
    reading,
    register,
    report,
    rules,
    self_help,
)
from kis_xl.domain.findings import FindingType, declared


def catalog() -> dict[str, FindingType]:
    """Every finding type of the package: the modules above have declared them all."""
    return declared()


__all__ = ["catalog", "club_week", "decisions", "hours", "meeting", "outcomes", "reading",
           "register", "report", "rules", "self_help"]
