"""``kis-xl addin build``, ``install`` and ``doctor``: the Excel add-in with the KIS ribbon."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded
from kis_xl.plan.errors import KisError


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Dodatek Excela z kartą „KIS” na wstążce.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )

    @group.command("build")
    def build_cmd(
        plik: Annotated[
            Path | None,
            typer.Argument(help="Plik dodatku do utworzenia (domyślnie kis.xlam w bieżącym "
                           "folderze)."),
        ] = None,
    ) -> None:
        """Zbuduj plik dodatku (.xlam) z szablonu xlwings i listy przycisków programu."""

        def body() -> None:
            from kis_xl.fronts.addin.build import write_addin

            target = plik or Path("kis.xlam")
            write_addin(target)
            typer.echo(f"Utworzono dodatek: {target}")

        guarded(body)

    @group.command("install")
    def install_cmd(
        serwer: Annotated[
            bool,
            typer.Option("--serwer", help="Windows: Python działa w tle między kliknięciami "
                         "(szybsze przyciski; po aktualizacji kis_xl uruchom Excel ponownie)."),
        ] = False,
    ) -> None:
        """Zainstaluj dodatek KIS w Excelu na tym komputerze (Windows lub macOS)."""

        def body() -> None:
            from kis_xl.fronts.addin.install import install

            for line in install(keep_python=serwer):
                typer.echo(line)

        guarded(body)

    @group.command("doctor")
    def doctor_cmd(
        xlstart: Annotated[
            Path | None,
            typer.Option("--xlstart", help="Folder XLSTART Excela (domyślnie w Windows: "
                         "%APPDATA%\\Microsoft\\Excel\\XLSTART)."),
        ] = None,
        skoroszyt: Annotated[
            Path | None,
            typer.Option("--skoroszyt", help="Skoroszyt klubu: sprawdź znacznik pobrania "
                         "z Internetu (Widok chroniony)."),
        ] = None,
    ) -> None:
        """Sprawdź na tym komputerze wszystko, od czego zależy kliknięcie przycisku KIS.

        Python i kis_xl, dodatek w XLSTART, plik konfiguracji czytany przez dodatek, reguła
        ASR Defendera, zaufana lokalizacja, Mark of the Web skoroszytu; przy każdym problemie
        mówi, co zmienić. Kod wyjścia: 0 – w porządku, 1 – jest coś do poprawienia."""

        def body() -> None:
            from kis_xl.fronts.addin.doctor import Machine, diagnose, report

            lines, code = report(diagnose(Machine(), xlstart=xlstart, workbook=skoroszyt))
            for line in lines:
                typer.echo(line)
            if code:
                raise typer.Exit(code)

        guarded(body)

    @group.command("run")
    def run_cmd(
        akcja: Annotated[str, typer.Argument(help="Nazwa przycisku, np. check, hours, "
                                             "meeting_add, docs_contract (lista: README).")],
    ) -> None:
        """Kliknij przycisk KIS spoza Excela: dla skoroszytu aktywnego w uruchomionym Excelu.

        Dla komputerów, na których reguła ASR Defendera nie pozwala Excelowi uruchamiać
        programów: Python startuje ze skrótu na pulpicie (nie z Excela) i łączy się z Excelem.
        Wynik: to samo okno komunikatu co po kliknięciu przycisku."""

        def body() -> None:
            import sys

            from kis_xl.actions.registry import USER_ACTIONS
            from kis_xl.fronts.addin.install import ExcelNotAvailable, not_available_message

            names = [a.name for a in USER_ACTIONS]
            if akcja not in names:
                raise UnknownAction(f"Nieznany przycisk „{akcja}”. Dostępne: "
                                    + ", ".join(names) + ".")
            if sys.platform not in ("win32", "darwin"):
                raise ExcelNotAvailable(not_available_message(sys.platform))
            from kis_xl.fronts.excel import XlwingsHost, run_action

            outcome = run_action(akcja, XlwingsHost(active=True))
            typer.echo(outcome.message)
            if not outcome.ok:
                raise typer.Exit(1)

        guarded(body)

    app.add_typer(group, name="addin")


class UnknownAction(KisError):
    exit_code = 2
