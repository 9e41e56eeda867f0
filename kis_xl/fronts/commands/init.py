from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        plik: Annotated[Path, typer.Argument(help="Ścieżka nowego skoroszytu, np. klub.xlsx.")],
        klub: Annotated[
            str | None,
            typer.Option("--klub", metavar="NAZWA", help="Nazwa klubu, np. „KIS w Kluczach”."),
        ] = None,
        nadpisz: Annotated[bool, typer.Option("--nadpisz", help="Zastąp istniejący plik.")] = False,
    ) -> None:
        """Utwórz nowy, pusty skoroszyt klubu gotowy do wpisywania danych."""

        def body() -> None:
            from kis_xl.actions.init import create_workbook

            create_workbook(plik, club_name=klub, overwrite=nadpisz)
            typer.echo(f"Utworzono skoroszyt klubu: {plik}")
            typer.echo("Uzupełnij arkusz „Ustawienia”, potem wpisuj uczestników i zajęcia.")

        guarded(body)
