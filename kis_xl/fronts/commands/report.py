"""``kis-xl report`` (the package for the supervisor and the voivode) and ``kis-xl zestawienie``
(the supervising office's summary of many clubs' reports)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kis_xl.fronts.cli_run import guarded, show

_FILE = typer.Argument(help="Skoroszyt klubu (.xlsx).")


def read_password(path: Path | None, *, ask: bool) -> str | None:
    """The password from a file (first line) or a hidden prompt; never from the command line."""
    from kis_xl.plan.errors import KisError

    if path is not None and ask:
        raise KisError("Opcje --szyfruj i --haslo-z-pliku wykluczają się: podaj tylko jedną "
                       "(--szyfruj pyta o hasło, --haslo-z-pliku czyta je z pliku).")
    if path is not None:
        from kis_xl.report.windows_text import read_text

        lines = read_text(path, "plik z hasłem").splitlines()
        password = lines[0].strip() if lines else ""
    elif ask:
        password = _ask_password()
    else:
        return None
    if len(password) < 8:
        raise KisError("Hasło jest za krótkie: podaj co najmniej 8 znaków (lepiej 12 i więcej).")
    return password


def _ask_password() -> str:
    """A hidden prompt, typed twice; Polish messages only (not typer's English confirmation).

    Without a terminal (a script, a scheduled task, input piped in) the prompt cannot hide
    what is typed: the user is sent to ``--haslo-z-pliku`` instead of getpass's warning.
    """
    import sys
    from getpass import getpass

    from kis_xl.plan.errors import KisError

    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise KisError("Opcja --szyfruj pyta o hasło w oknie terminala, a tu go nie ma "
                       "(polecenie uruchomione ze skryptu lub z przekierowanym wejściem). "
                       "Zapisz hasło w pierwszym wierszu pliku i użyj opcji --haslo-z-pliku "
                       "PLIK zamiast --szyfruj.")
    first = getpass("Hasło do zaszyfrowania skoroszytu: ", stream=sys.stderr)
    second = getpass("Powtórz hasło: ", stream=sys.stderr)
    if first != second:
        raise KisError("Wpisane hasła różnią się. Uruchom polecenie ponownie i wpisz to samo "
                       "hasło dwa razy.")
    return first


def register(app: typer.Typer) -> None:
    from kis_xl.actions.registry import command

    report = command("report")

    @app.command(report.name, help=report.help)
    def report_cmd(  # noqa: PLR0917 - typer passes every option as a parameter
        plik: Annotated[Path, _FILE],
        rok: Annotated[
            int | None,
            typer.Option("--rok", metavar="RRRR",
                         help="Rok sprawozdawczy; domyślnie z arkusza „Ustawienia”, a gdy "
                         "pusty – poprzedni rok."),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option("--out", metavar="KATALOG",
                         help="Folder na pliki; domyślnie „sprawozdanie_RRRR” obok skoroszytu."),
        ] = None,
        eml: Annotated[
            bool, typer.Option("--eml", help="Utwórz też szkic wiadomości e-mail (.eml) do "
                               "nadzoru z plikami w załącznikach.")] = False,
        szyfruj: Annotated[
            bool, typer.Option("--szyfruj", help="Dołącz pełny skoroszyt i kopię "
                               "pseudonimizowaną, zaszyfrowane hasłem (program zapyta o hasło; "
                               "wymaga terminala).")] = False,
        haslo_z_pliku: Annotated[
            Path | None,
            typer.Option("--haslo-z-pliku", metavar="PLIK",
                         help="Zaszyfruj pełny skoroszyt i kopię pseudonimizowaną hasłem "
                         "z pierwszego wiersza tego pliku (zamiast pytania)."),
        ] = None,
        bez_kopii: Annotated[
            bool, typer.Option("--bez-kopii", help="Nie twórz pseudonimizowanej kopii "
                               "skoroszytu.")] = False,
        do_publikacji: Annotated[
            bool, typer.Option("--do-publikacji", help="Utwórz też wersję do publikacji "
                               "(małe liczby osób ukryte jako „x”, tak że nie da się ich "
                               "obliczyć z sum).")] = False,
        wyslij: Annotated[
            bool, typer.Option("--wyslij", help="Wyślij też e-mail przez serwer SMTP "
                               "(ustawienia: zmienne KIS_SMTP_* albo --smtp-config); "
                               "domyślnie tylko szkic.")] = False,
        smtp_config: Annotated[
            Path | None,
            typer.Option("--smtp-config", metavar="PLIK",
                         help="Plik INI z sekcją [smtp] (host, port, user, password, tls, "
                         "from)."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Wypisz wynik jako JSON.")] = False,
    ) -> None:
        # help: the registry entry "report"

        def body() -> None:
            from kis_xl.actions.report import report_action
            from kis_xl.workbook.reader import read_workbook

            smtp = None
            if wyslij:
                from kis_xl.report.smtp import load_config

                smtp = load_config(smtp_config)
            password = read_password(haslo_z_pliku, ask=szyfruj)
            club = read_workbook(plik)
            result = report_action(club, year=rok, out_dir=out, eml=eml or wyslij,
                                   pseudonymised=not bez_kopii, password=password, smtp=smtp,
                                   publication=do_publikacji)
            show(result, as_json=as_json)

        guarded(body)

    @app.command("zestawienie")
    def summary_cmd(
        katalog: Annotated[Path, typer.Argument(help="Folder z plikami „… - dane.xlsx” klubów.")],
        out: Annotated[
            Path | None,
            typer.Option("--out", metavar="PLIK",
                         help="Plik wynikowy; domyślnie „zestawienie.xlsx” w tym folderze."),
        ] = None,
        oczekiwane: Annotated[
            Path | None,
            typer.Option("--oczekiwane", metavar="PLIK",
                         help="Lista klubów, które mają złożyć sprawozdanie za każdy rok "
                         "z folderu: w każdym wierszu numer w rejestrze wojewody, REGON "
                         "albo nazwa klubu (plik .txt lub .csv w dowolnym kodowaniu Windows "
                         "albo skoroszyt .xlsx)."),
        ] = None,
    ) -> None:
        """Zestawienie sprawozdań wielu klubów (dla nadzoru lub urzędu wojewódzkiego): wiersz
        na klub i rok, sumy według kategorii, podwójne i niezgodne sprawozdania, brakujące
        kluby. Czyta tylko pliki sprawozdań (bez danych osobowych)."""

        def body() -> None:
            from kis_xl.report.summary import summarise, write_summary
            from kis_xl.sinks.output_files import ensure_not_open

            target = out or katalog / "zestawienie.xlsx"
            ensure_not_open([target])
            summary = summarise(katalog, oczekiwane)
            write_summary(summary, target)
            n = len(summary.clubs)
            typer.echo(f"Zestawiono {n} plików sprawozdań; zapisano „{target}”.")
            for r in summary.remarks:
                typer.echo(f"[UWAGA] {r.file} ({r.club}): {r.text}")
            for file, why in summary.skipped:
                typer.echo(f"[POMINIĘTO] {file}: {why}")
            if summary.missing:
                typer.echo("Brak sprawozdań klubów: " + "; ".join(
                    f"{line} (rok {year})" for line, year in summary.missing))

        guarded(body)
