from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded

TRY_BUTTONS = ("Przyciski: w Excelu karta „KIS” (kis-xl addin install), w LibreOffice Calc "
               "menu i pasek „KIS” (kis-xl calc install; potem otwórz ten skoroszyt w Calc "
               "i kliknij np. „Sprawdź uczestników”).")


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        katalog: Annotated[Path, typer.Argument(help="Folder na klub demonstracyjny (pusty).")],
        dzis: Annotated[
            str | None,
            typer.Option("--dzis", metavar="DD.MM.RRRR",
                         help="Data, którą demo ma uznać za dzisiejszą; domyślnie dziś."),
        ] = None,
        pdf: Annotated[bool, typer.Option("--pdf", help="Dokumenty także jako PDF.")] = False,
        skala: Annotated[
            int,
            typer.Option("--skala", metavar="N", min=1, max=1000,
                         help="Duży klub syntetyczny: N=100 to ok. 2000 uczestników, 10 000 "
                              "spotkań i 100 000 obecności; N=1000 wypełnia arkusz "
                              "„Obecności” do ostatniego wiersza Excela."),
        ] = 1,
    ) -> None:
        """Zbuduj klub demonstracyjny i uruchom na nim wszystkie działania programu."""

        def body() -> None:
            from kis_xl.demo.run import run_demo
            from kis_xl.plan.errors import KisError
            from kis_xl.workbook.values import CellProblem, parse_date

            today = None
            if dzis:
                try:
                    today = parse_date(dzis)
                except CellProblem:
                    raise KisError(
                        f"Nieprawidłowa data „{dzis}”. Podaj ją jako dd.mm.rrrr."
                    ) from None
            report = run_demo(katalog, today=today, pdf=pdf, progress=typer.echo, scale=skala)
            typer.echo(f"Gotowe. Otwórz {report.workbook} w Excelu.")
            typer.echo(TRY_BUTTONS)

        guarded(body)
