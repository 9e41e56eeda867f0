"""The data of the Word report ("sprawozdanie") from the report totals
(``kis_xl.documents.contexts.report_context`` puts it beside the club's).

Names are Polish ASCII like every other document's (README lists them).
Every count is the true one (the report goes to the voivode, who asks for
them); small counts are hidden only in the separate publication version
(``kis_xl.report.publication``). No name, PESEL or special-category detail
of any person is ever put into this context.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kis_xl.domain.outcomes import NO_CATEGORY, CategoryOutcome
from kis_xl.domain.text import number
from kis_xl.report.totals import ReportTotals

EXTENSION_NOTE = "kategoria dopisana przez klub (§ 8 regulaminu klubu), poza art. 1 ust. 2"


def money(value: float | None) -> str | None:
    """"31 250,40" (two decimals, grouped; the table header says "zł")."""
    if value is None:
        return None
    whole, _, cents = f"{value:.2f}".partition(".")
    return f"{number(int(whole), 0)},{cents}"


def category_row(c: CategoryOutcome, label: str, nr: str) -> dict[str, Any]:
    return {
        "nr": nr,
        "kategoria": label,
        "uczestnicy": c.participants,
        "ukonczyli": c.completed,
        "przerwali": c.dropped_out,
        "w_trakcie": c.active,
        "efekt_spoleczny": c.with_social_effect,
        "efekt_zawodowy": c.with_professional_effect,
        "efekt": c.with_effect,
        "zatrudnieni": c.employed,
        "zatrudnieni_po_ukonczeniu": c.employed_after_completion,
    }


def report_data(t: ReportTotals) -> dict[str, Any]:
    """The ``sprawozdanie`` part of the context (also what the .xlsx shows)."""
    g, f, sc = t.general, t.flows, t.scope
    return {
        "rok": t.year,
        "okres_od": date(t.year, 1, 1),
        "okres_do": t.period_end,
        "rok_w_toku": t.year_running,
        "regon": g["regon"],
        "adresat": g["voivode"],
        "rodzaj_podmiotu": g["operator_type"],
        "nr_rejestru": g["register_number"],
        "data_wpisu": g["register_date"],
        "plan": g["plan"],
        "okno_miesiecy": t.window_months,
        "kadra": {
            "osoby": t.staff.people,
            "pracownicy": t.staff.employees,
            "etaty": t.staff.fte,
            "grupy": [{"grupa": x.group, "osoby": x.people, "etaty": x.fte}
                      for x in t.staff.by_group],
            "funkcje": [{"funkcja": r.role, "podstawa": r.group, "osoby": r.people,
                         "etaty": r.fte} for r in t.staff.by_role],
        },
        "kategorie": [category_row(c, c.category, c.code) for c in t.categories],
        "rozszerzenia": [category_row(c, c.category, nr)
                         for c, nr in zip(t.extensions, extension_codes(t), strict=True)],
        "razem": category_row(t.participants, "Razem", ""),
        "nieprzyjeci": {"osoby": sc.rejected,
                        "powody": [{"powod": r, "osoby": n} for r, n in sc.reasons]},
        "braki_dokumentacji": sc.incomplete,
        "reintegracja": {"spoleczna": t.reintegration.social,
                         "zawodowa": t.reintegration.professional},
        "przeplywy": {"nowi": f.new, "kontynuujacy": f.continuing, "zakonczyli": f.ended,
                      "ukonczyli": f.completed, "przerwali": f.dropped_out,
                      "inny_powod": f.ended_other, "w_trakcie": f.active_at_end},
        "zajecia": [
            {"lp": i, "nazwa": a.name, "rodzaj": a.type, "forma": a.form,
             "spotkania": a.meetings, "godziny": a.delivered_hours,
             "godziny_uczestnikow": a.participant_hours, "uczestnicy": a.participants}
            for i, a in enumerate(t.activities, start=1)
        ],
        "zajecia_razem": {"spotkania": t.meetings, "godziny": t.delivered_hours,
                          "godziny_uczestnikow": t.participant_hours},
        "efekty": [{"rodzaj": e.type, "zatrudnienie": e.employment, "rezultaty": e.outcomes,
                    "osoby": e.participants} for e in t.effects],
        "dotacje": [{"zrodlo": x.source, "przeznaczenie": x.purpose,
                     "przyznana": money(x.granted), "wykorzystana": money(x.spent),
                     "zwrocona": money(x.returned), "data_rozliczenia": x.settled_on}
                    for x in t.grants.rows],
        "dotacje_razem": {"przyznana": money(t.grants.granted),
                          "wykorzystana": money(t.grants.spent),
                          "zwrocona": money(t.grants.returned)},
        "koszty": [{"zrodlo": c.source, "przyznana": money(c.granted),
                    "wykorzystana": money(c.spent)} for c in t.grants.by_source],
    }


def extension_codes(t: ReportTotals) -> list[str]:
    """K1, K2… for the club's own categories (as ``kis-xl outcomes`` numbers them); "–" for
    people without a category."""
    out, own = [], 0
    for c in t.extensions:
        if c.category == NO_CATEGORY:
            out.append("–")
        else:
            own += 1
            out.append(f"K{own}")
    return out
