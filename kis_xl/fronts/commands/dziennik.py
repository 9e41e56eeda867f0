"""``kis-xl dziennik``: the monthly attendance register, built or saved back (``--zapisz``)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded, show


def register(app: typer.Typer) -> None:
    from kis_xl.actions.registry import command

    spec = command("dziennik")

    @app.command(spec.name, help=spec.help)
    def dziennik(
        plik: Annotated[Path, typer.Argument(help="Skoroszyt klubu (.xlsx).")],
        *,
        zajecia: Annotated[
            str | None, typer.Option("--zajecia", metavar="ID",
                                     help="ID zajęć z arkusza „Program”, np. Z03.")
        ] = None,
        miesiac: Annotated[
            str | None, typer.Option("--miesiac", metavar="MM.RRRR",
                                     help="Miesiąc dziennika, np. 12.2026.")
        ] = None,
        zapisz: Annotated[
            bool, typer.Option("--zapisz", help="Zapisz zaznaczenia z arkusza dziennika w "
                               "arkuszu „Obecności” (zamiast tworzyć dziennik).")
        ] = False,
        wyczysc: Annotated[
            bool, typer.Option("--wyczysc", help="Przy zapisie: wyczyść w „Obecnościach” "
                               "obecność, którą w dzienniku usunięto (bez tej opcji zostaje "
                               "i jest zgłaszana).")
        ] = False,
        arkusz: Annotated[
            str | None, typer.Option("--arkusz", metavar="NAZWA",
                                     help="Arkusz dziennika do zapisania, gdy ma inną nazwę "
                                     "niż „Dziennik Z03 12.2026” (np. kopia arkusza).")
        ] = None,
        nadpisz: Annotated[
            bool, typer.Option("--nadpisz", help="Utwórz dziennik od nowa, choć poprzedni ma "
                               "niezapisane zaznaczenia (przepadną).")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Wypisz wynik jako JSON.")] = False,
        no_write: Annotated[
            bool, typer.Option("--no-write", help="Tylko pokaż wynik, nie zapisuj skoroszytu.")
        ] = False,
    ) -> None:
        # help: the registry entries "register" and "register_save"

        def body() -> None:
            from kis_xl.actions.base import run_on_file
            from kis_xl.actions.register import SHEETS, register_action

            action = functools.partial(
                register_action, activity=zajecia, month=miesiac, save=zapisz, clear=wyczysc,
                replace=nadpisz, sheet=arkusz,
            )
            show(run_on_file(plik, action, write=not no_write, sheets=SHEETS), as_json=as_json)

        guarded(body)
