"""``kis-xl meeting add``: a meeting and the whole group's attendance in one go."""

from __future__ import annotations

import functools
from datetime import date, time
from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded, show


def register(app: typer.Typer) -> None:
    from kis_xl.actions.registry import command

    spec = command("meeting add")
    meeting = typer.Typer(
        help="Spotkania: dopisywanie spotkań z listą obecności.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )

    @meeting.command(spec.name.split()[1], help=spec.help)
    def add(
        plik: Annotated[Path, typer.Argument(help="Skoroszyt klubu (.xlsx).")],
        *,
        activity: Annotated[
            str, typer.Option("--activity", metavar="ID",
                              help="ID zajęć z arkusza „Program”, np. Z03.")
        ],
        date_: Annotated[
            str, typer.Option("--date", metavar="DD.MM.RRRR", help="Data spotkania.")
        ],
        start: Annotated[
            str | None, typer.Option("--start", metavar="GG:MM",
                                     help="Godzina rozpoczęcia, np. 10:00.")
        ] = None,
        end: Annotated[
            str | None, typer.Option("--end", metavar="GG:MM",
                                     help="Godzina zakończenia, np. 13:30.")
        ] = None,
        uczestnik: Annotated[
            list[str] | None,
            typer.Option("--uczestnik", metavar="ID",
                         help="ID uczestnika (można powtórzyć); domyślnie cała grupa "
                         "zapisana na zajęcia."),
        ] = None,
        obecni: Annotated[
            bool, typer.Option("--obecni",
                               help="Wpisz od razu „obecny” wszystkim (gdy masz już podpisaną "
                               "listę); domyślnie obecność zostaje pusta do uzupełnienia.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Wypisz wynik jako JSON.")] = False,
        no_write: Annotated[
            bool, typer.Option("--no-write", help="Tylko pokaż, co zostałoby dodane.")
        ] = False,
    ) -> None:
        # help: the registry entry "meeting_add"

        def body() -> None:
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.meeting import SHEETS, add_meeting

            action = functools.partial(
                add_meeting, activity=activity, day=_date(date_), start=_time(start, "--start"),
                end=_time(end, "--end"), participants=uczestnik, present=obecni,
            )
            show(run_on_file(plik, action, write=not no_write, sheets=SHEETS), as_json=as_json)

        guarded(body)

    app.add_typer(meeting, name=spec.name.split()[0])


def _date(text: str) -> date:
    from kis_xl.plan.errors import KisError
    from kis_xl.workbook.values import CellProblem, parse_date

    try:
        return parse_date(text)
    except CellProblem:
        raise KisError(f"Nieprawidłowa data „{text}”. Podaj ją jako dd.mm.rrrr, np. "
                       "05.03.2025.") from None


def _time(text: str | None, option: str) -> time | None:
    from kis_xl.plan.errors import KisError
    from kis_xl.workbook.values import CellProblem, parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except CellProblem:
        raise KisError(f"Nieprawidłowa godzina „{text}” w opcji {option}. Podaj ją jako gg:mm, "
                       "np. 10:00.") from None
