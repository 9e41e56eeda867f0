from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.cli import guarded, print_findings, print_json


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

        def body() -> int:
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.check import check

            spec = registry.get("check")
            result = run_on_file(plik, check, write=not no_write, sheets=spec.sheets)
            if as_json:
                print_json(result.json())
                return result.exit_code
            print_findings(result.findings)
            for line in result.summary:
                typer.echo(line)
            if result.written is not None:
                written = [f"arkusz „{name}”" for name in result.written.sheets]
                written += [f"kolumna „{column}”" for column in result.written.columns]
                typer.echo(f"Zapisano w skoroszycie „{plik.name}”: {', '.join(written)}.")
                if result.written.backup is not None:
                    typer.echo(f"Kopia zapasowa: {result.written.backup}")
            elif no_write:
                typer.echo("Nic nie zapisano (opcja --no-write).")
            return result.exit_code

        raise typer.Exit(guarded(body))
