from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kis_xl.fronts.cli import guarded, print_json
from kis_xl.fronts.commands.docs import KINDS_HELP

if TYPE_CHECKING:
    from kis_xl.documents.checker import CheckResult


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


def report_lines(result: CheckResult, own: bool) -> list[str]:
    lines = [f"Szablony w folderze: {result.folder}"]
    if not result.reports:
        lines.append("Brak plików .docx w tym folderze.")
    for report in result.reports:
        kind = f" ({report.kind.key})" if report.kind else ""
        if report.ok:
            lines.append(f"✓ {report.file.name}{kind}: bez problemów")
            continue
        lines.append(f"✗ {report.file.name}{kind}: problemy – {len(report.findings)}")
        for f in report.findings:
            where = f" akapit „{f.paragraph}”:" if f.paragraph else ""
            lines.append(f"   [{f.severity.label.upper()}]{where} {f.message}")
    if own and result.missing:
        lines.append("Brak w tym folderze (program użyje szablonów wbudowanych): "
                     + ", ".join(result.missing))
    from kis_xl.documents.formatting import counted

    problems = sum(len(r.findings) for r in result.reports)
    lines.append("Wynik: bez problemów." if not problems else
                 f"Wynik: {counted(problems, 'problem', 'problemy', 'problemów')} do "
                 "poprawienia w Wordzie.")
    return lines
