"""``kis-xl hours`` and ``kis-xl outcomes``: compute, show, write the result sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.cli import guarded, show

_FILE = typer.Argument(help="Skoroszyt klubu (.xlsx).")
_JSON = typer.Option("--json", help="Wypisz wynik jako JSON (format opisany w README).")
_NO_WRITE = typer.Option("--no-write", help="Tylko pokaż wynik, nie zapisuj skoroszytu.")


def register(app: typer.Typer) -> None:
    @app.command("hours")
    def hours_cmd(
        plik: Annotated[Path, _FILE],
        as_json: Annotated[bool, _JSON] = False,
        no_write: Annotated[bool, _NO_WRITE] = False,
    ) -> None:
        """Policz godziny uczestników, realizację planu zajęć i frekwencję (arkusz „Wynik
        godzin” z wykresami)."""

        def body() -> None:
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.hours import hours_action

            sheets = registry.get("hours").sheets
            show(run_on_file(plik, hours_action, write=not no_write, sheets=sheets),
                 as_json=as_json)

        guarded(body)

    @app.command("outcomes")
    def outcomes_cmd(
        plik: Annotated[Path, _FILE],
        rok: Annotated[
            int | None,
            typer.Option("--rok", metavar="RRRR",
                         help="Rok sprawozdawczy; domyślnie z arkusza „Ustawienia” "
                         "(pusty = cały okres)."),
        ] = None,
        as_json: Annotated[bool, _JSON] = False,
        no_write: Annotated[bool, _NO_WRITE] = False,
    ) -> None:
        """Policz rezultaty uczestników według kategorii (art. 18a ust. 6 pkt 2): ukończenia,
        efekty reintegracji, zatrudnienie po ukończeniu (arkusz „Wynik rezultatów”)."""

        def body() -> None:
            import functools

            from kis_xl import schema
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.outcomes import outcomes_action
            from kis_xl.errors import KisError

            bounds = next(s.bounds for s in schema.SETTINGS if s.key == "reporting_year")
            if rok is not None and bounds is not None and not bounds[0] <= rok <= bounds[1]:
                raise KisError(f"Rok {rok} jest poza zakresem {bounds[0]}–{bounds[1]}. Podaj "
                               "rok sprawozdawczy, np. --rok 2025.")
            action = functools.partial(outcomes_action, year=rok)
            sheets = registry.get("outcomes").sheets
            show(run_on_file(plik, action, write=not no_write, sheets=sheets), as_json=as_json)

        guarded(body)
