from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.cli import guarded, show


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_cmd(
        plik: Annotated[Path, typer.Argument(help="Skoroszyt klubu, np. klub.xlsx.")],
        as_json: Annotated[
            bool, typer.Option("--json", help="Wypisz ustalenia i podsumowanie jako JSON.")
        ] = False,
        no_write: Annotated[
            bool,
            typer.Option("--no-write", help="Tylko pokaż wynik, nie zapisuj nic w skoroszycie."),
        ] = False,
    ) -> None:
        """Sprawdź uczestników (kwalifikacja, przyjęcie, dane) i zapisz statusy w skoroszycie.

        Kod wyjścia: 0 – brak błędów, 1 – znaleziono błędy, 2 – nie można odczytać pliku.
        """

        def body() -> None:
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.check import check

            spec = registry.get("check")
            result = run_on_file(plik, check, write=not no_write, sheets=spec.sheets)
            show(result, as_json=as_json, findings_first=True)

        guarded(body)
