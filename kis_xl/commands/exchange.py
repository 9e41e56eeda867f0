"""``kis-xl exchange``: balances of the service exchange (time bank), sheet "Bilans wymiany"."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.cli import guarded, show

_FILE = typer.Argument(help="Skoroszyt klubu (.xlsx).")
_JSON = typer.Option("--json", help="Wypisz wynik jako JSON (format opisany w README).")
_NO_WRITE = typer.Option("--no-write", help="Tylko pokaż wynik, nie zapisuj skoroszytu.")


def register(app: typer.Typer) -> None:
    @app.command("exchange")
    def exchange_cmd(
        plik: Annotated[Path, _FILE],
        as_json: Annotated[bool, _JSON] = False,
        no_write: Annotated[bool, _NO_WRITE] = False,
    ) -> None:
        """Policz bilans wymiany usług (bank czasu): godziny dane, otrzymane i saldo każdego
        uczestnika (arkusz „Bilans wymiany”)."""

        def body() -> None:
            from kis_xl.actions import registry
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.exchange import exchange_action

            sheets = registry.get("exchange").sheets
            show(run_on_file(plik, exchange_action, write=not no_write, sheets=sheets),
                 as_json=as_json)

        guarded(body)
