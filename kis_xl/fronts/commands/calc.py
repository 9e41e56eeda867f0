"""``kis-xl calc build`` and ``kis-xl calc install``: the KIS menu and toolbar in LibreOffice
Calc (an extension, .oxt)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Rozszerzenie LibreOffice Calc z menu i paskiem narzędzi „KIS”.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )

    @group.command("build")
    def build_cmd(
        plik: Annotated[
            Path | None,
            typer.Argument(help="Plik rozszerzenia do utworzenia (domyślnie kis.oxt w bieżącym "
                           "folderze)."),
        ] = None,
    ) -> None:
        """Zbuduj plik rozszerzenia (.oxt) z listy przycisków programu (bez ścieżek tej
        instalacji: do używania służy kis-xl calc install)."""

        def body() -> None:
            from kis_xl.fronts.calc.build import write_extension

            target = plik or Path("kis.oxt")
            write_extension(target)
            typer.echo(f"Utworzono rozszerzenie: {target}")

        guarded(body)

    @group.command("install")
    def install_cmd(
        profil: Annotated[
            Path | None,
            typer.Option("--profil", metavar="KATALOG",
                         help="Profil LibreOffice (folder z podfolderem „user”); domyślnie "
                         "profil bieżącego użytkownika."),
        ] = None,
    ) -> None:
        """Zainstaluj menu i pasek „KIS” w LibreOffice Calc tego użytkownika (zamknij
        najpierw LibreOffice)."""

        def body() -> None:
            from kis_xl.fronts.calc.install import install

            for line in install(profil):
                typer.echo(line)

        guarded(body)

    app.add_typer(group, name="calc")
