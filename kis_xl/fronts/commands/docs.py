from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kis_xl.fronts.cli_run import err, guarded, print_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kis_xl.domain.certificates import Issue
    from kis_xl.domain.model import Club

KINDS_HELP = (
    "Rodzaj dokumentu: kontrakt, regulamin, wniosek, zaswiadczenie, lista (lista obecności "
    "na spotkaniu), program, zgloszenie (zgłoszenie do rejestru KIS; dawniej „wpis”), "
    "sprawozdanie, harmonogram, porozumienie (porozumienie wolontariackie), "
    "zaswiadczenie_wolontariusza."
)
"""Written out (not built from ``documents.kinds``, whose import would slow every ``--help``);
a test keeps it naming every kind."""


def register(app: typer.Typer) -> None:
    from kis_xl.actions.registry import command

    docs = command("docs")

    @app.command(docs.name, help=docs.help)
    def docs_cmd(
        plik: Annotated[Path, typer.Argument(help="Skoroszyt klubu, np. klub.xlsx.")],
        rodzaj: Annotated[str, typer.Argument(help=KINDS_HELP)],
        *,
        ids: Annotated[
            list[str] | None,
            typer.Option("--id", metavar="ID",
                         help="ID uczestnika (albo spotkania dla listy obecności, "
                         "wolontariusza dla dokumentów wolontariusza); można podać "
                         "kilka razy lub po przecinku. Bez --id: wszyscy uczestnicy "
                         "(zaświadczenie – ci, których udział się zakończył), a listy "
                         "obecności – spotkania od dzisiaj."),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option("--out", metavar="KATALOG",
                         help="Folder na dokumenty (domyślnie folder „dokumenty” obok "
                         "skoroszytu)."),
        ] = None,
        pdf: Annotated[
            bool, typer.Option("--pdf", help="Utwórz też pliki PDF (wymaga LibreOffice).")
        ] = False,
        jeden_plik: Annotated[
            bool,
            typer.Option("--jeden-plik", help="Wszystkie dokumenty w jednym pliku do wydruku "
                         "(każdy od nowej strony)."),
        ] = False,
        data: Annotated[
            str | None,
            typer.Option("--data", metavar="DD.MM.RRRR",
                         help="Data dokumentów (dd.mm.rrrr), domyślnie dzisiejsza."),
        ] = None,
        od: Annotated[
            str | None,
            typer.Option("--od", metavar="DD.MM.RRRR",
                         help="Listy obecności: spotkania od tego dnia (domyślnie od "
                         "dzisiaj – listę drukuje się przed spotkaniem)."),
        ] = None,
        do: Annotated[
            str | None,
            typer.Option("--do", metavar="DD.MM.RRRR",
                         help="Listy obecności: spotkania do tego dnia włącznie."),
        ] = None,
        wymus: Annotated[
            bool,
            typer.Option("--wymus", help="Utwórz kontrakt lub zaświadczenie także dla osób, "
                         "które według kontroli „nie kwalifikują się” (domyślnie są "
                         "pomijane)."),
        ] = False,
        as_json: Annotated[
            bool, typer.Option("--json", help="Wypisz listę utworzonych plików jako JSON.")
        ] = False,
    ) -> None:
        # help: the registry's "docs" command (every document kind's entry)

        def body() -> int:
            from kis_xl.documents.render import render_batch, resolve_kind
            from kis_xl.domain.findings import has_errors
            from kis_xl.workbook.reader import read_workbook

            kind = resolve_kind(rodzaj)
            today = _parse_day(data)
            club = read_workbook(plik)
            result = render_batch(club, kind, ids=ids, out_dir=out, pdf=pdf,
                                  combined=jeden_plik, today=today,
                                  progress=None if as_json else _progress_bar(),
                                  force=wymus, date_from=_parse_day(od),
                                  date_to=_parse_day(do))
            registered = _register_certificates(plik, club, result.issued)
            if as_json:
                payload = result.json()
                payload["workbook_errors"] = sum(
                    1 for f in club.findings if f.severity == "error")
                payload["registered"] = registered
                print_json(payload)
                return 0
            for note in result.notes:
                err(f"Uwaga: {note}")
            if result.skipped:
                from kis_xl.documents.formatting import counted as _counted

                who = _counted(len(result.skipped), "osobę", "osoby", "osób")
                err(f"Pominięto {who}:")
                for pid, reason in result.skipped:
                    err(f"  {pid} – {reason}")
                if kind.key in ("kontrakt", "zaswiadczenie") and any(
                        r.startswith("nie kwalifikuje") for _, r in result.skipped):
                    err("Aby mimo to utworzyć dokument dla osoby, która nie kwalifikuje się, "
                        "użyj opcji --wymus.")
            if has_errors(club.findings):
                err("Uwaga: skoroszyt zawiera błędy danych (sprawdź je poleceniem "
                    "kis-xl check); w dokumentach dane, których nie dało się odczytać, są "
                    "oznaczone linią do wypełnienia.")
            folder = result.files[0].parent if result.files else out
            from kis_xl.documents.formatting import counted

            what = f"{counted(result.count, 'dokument', 'dokumenty', 'dokumentów')} " \
                f"„{kind.title}”"
            if jeden_plik and result.count > 1:
                typer.echo(f"Utworzono {what} w jednym pliku (folder: {folder}):")
            else:
                typer.echo(f"Utworzono {what} (folder: {folder}):")
            if registered:
                typer.echo(registered)
            for path in result.files[:30]:
                typer.echo(f"  {path.name}")
            if len(result.files) > 30:
                rest = len(result.files) - 30
                more = counted(rest, "kolejny plik", "kolejne pliki", "kolejnych plików")
                typer.echo(f"  … oraz {more}.")
            return 0

        raise typer.Exit(guarded(body))


def _register_certificates(path: Path, club: Club, issued: Sequence[Issue]) -> str | None:
    """Write new certificates into the register and the participants' rows (backup, atomic
    replace, change log); the Polish line saying so, None when nothing was written."""
    from kis_xl.actions.docs import certificate_plan
    from kis_xl.sinks.xlsx.file_sink import FileSink

    plan, notes = certificate_plan(club, issued)
    for note in notes:
        err(f"Uwaga: {note}")
    if plan is None:
        return None
    FileSink(path).apply(plan)
    return f"Zapisano w skoroszycie – {plan.summary}"


def _parse_day(text: str | None) -> date | None:
    from kis_xl.documents.render import DocumentsError
    from kis_xl.workbook.values import CellProblem, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except CellProblem:
        raise DocumentsError(f"Nie rozpoznano daty „{text}”. Podaj ją jako dd.mm.rrrr, "
                             "np. 05.03.2025.") from None


def _progress_bar() -> Callable[[int, int, str], None]:
    """A rich progress bar on stderr for batches; it disappears when the batch is done."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    state: dict[str, Progress] = {}

    def update(done: int, total: int, name: str) -> None:
        if total < 2 or not console.is_terminal:
            return
        bar = state.get("bar")
        if bar is None:
            bar = Progress(TextColumn("Dokumenty"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.description}"), console=console, transient=True)
            bar.start()
            bar.add_task("", total=total)
            state["bar"] = bar
        bar.update(bar.task_ids[0], completed=done, description=name)
        if done >= total:
            bar.stop()

    return update
