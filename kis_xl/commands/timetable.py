"""``kis-xl timetable``: the club's week and partners, as the sheet "Harmonogram tygodnia"."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.cli import guarded, show


def register(app: typer.Typer) -> None:
    @app.command("timetable")
    def timetable_cmd(
        plik: Annotated[Path, typer.Argument(help="Skoroszyt klubu (.xlsx).")],
        as_json: Annotated[bool, typer.Option(
            "--json", help="Wypisz wynik jako JSON (format opisany w README).")] = False,
        no_write: Annotated[bool, typer.Option(
            "--no-write", help="Tylko pokaż wynik, nie zapisuj skoroszytu.")] = False,
    ) -> None:
        """Zestaw harmonogram tygodnia do wydruku, sprawdź punkt informacyjny i porozumienia
        z partnerami (arkusz „Harmonogram tygodnia”)."""

        def body() -> None:
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.timetable import timetable_action

            sheets = registry.get("timetable").sheets
            show(run_on_file(plik, timetable_action, write=not no_write, sheets=sheets),
                 as_json=as_json)

        guarded(body)
