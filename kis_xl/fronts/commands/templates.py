from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kis_xl.fronts.cli_run import guarded, print_json
from kis_xl.fronts.commands.docs import KINDS_HELP

if TYPE_CHECKING:
    pass


def register(app: typer.Typer) -> None:
    from kis_xl.actions.registry import command

    check = command("templates check")
    group = typer.Typer(
        name=check.name.split()[0],
        help="Szablony dokumentów Word: sprawdzanie znaczników.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )

    @group.command(check.name.split()[1], help=check.help)
    def check_cmd(
        katalog: Annotated[
            Path | None,
            typer.Argument(help="Folder z szablonami .docx (domyślnie szablony programu)."),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Wypisz wynik jako JSON.")
        ] = False,
    ) -> None:
        # help: the registry entry "templates_check"

        def body() -> int:
            from kis_xl.actions.docs import report_lines
            from kis_xl.documents.checker import check_templates
            from kis_xl.plan.errors import KisError

            if katalog is not None and not katalog.is_dir():
                raise KisError(f"Nie ma folderu „{katalog}”. Podaj folder z plikami .docx.")
            result = check_templates(katalog)
            if as_json:
                print_json(result.to_dict())
                return 0 if result.ok else 1
            for line in report_lines(result, own=katalog is not None):
                typer.echo(line)
            return 0 if result.ok else 1

        raise typer.Exit(guarded(body))

    @group.command("tags")
    def tags_cmd(
        rodzaj: Annotated[
            str | None,
            typer.Argument(help=KINDS_HELP + " Bez niego: wszystkie."),
        ] = None,
    ) -> None:
        """Pokaż nazwy danych, których mogą używać szablony ({{ osoba.nazwisko }} itd.)."""

        def body() -> int:
            from kis_xl.documents.checker import tag_reference
            from kis_xl.documents.kinds import KINDS
            from kis_xl.documents.render import resolve_kind

            kinds = [resolve_kind(rodzaj)] if rodzaj else list(KINDS)
            typer.echo("Wspólne dla dokumentów (klub – wszystkie, osoba – dokumenty uczestnika):")
            for line in tag_reference():
                typer.echo(line)
            for kind in kinds:
                typer.echo(f"\n{kind.key} ({kind.template}):")
                for line in tag_reference(kind):
                    typer.echo(line)
            return 0

        raise typer.Exit(guarded(body))

    app.add_typer(group)
