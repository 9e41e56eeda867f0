"""The command line: Polish everywhere, never a traceback, every command documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kis_xl.fronts.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def kis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, check=False)


def commands() -> list[str]:
    out = kis("--help").stdout
    section = out.split("Polecenia:")[1]
    return re.findall(r"^  (\S+)", section, flags=re.M)


def test_help_is_polish() -> None:
    out = kis("--help").stdout
    assert "Użycie: kis-xl" in out and "Pokaż tę pomoc" in out
    assert "Usage" not in out and "Show this message" not in out
    assert len(commands()) >= len(COMMANDS)


def test_help_names_values_in_polish_and_lists_whole_descriptions() -> None:
    for args in (["init"], ["docs"], ["outcomes"], ["demo"], ["templates", "check"],
                 ["meeting", "add"]):
        out = kis(*args, "-h").stdout
        assert not re.search(r"<(path|str|int|bool|list\[str\])>", out), args
        assert "{plik}" not in out and "{katalog}" not in out, args
    assert "Użycie: kis-xl init [OPCJE] PLIK" in kis("init", "-h").stdout
    assert "--rok RRRR" in kis("outcomes", "-h").stdout
    listing = kis("--help").stdout
    assert "(art. 18a ust. 6" in listing and "(art.\n" not in listing
    assert "..." not in listing.split("Polecenia:")[1]


def test_usage_errors_are_polish() -> None:
    missing = kis("init")
    assert missing.returncode == 2 and "Błąd: Brak argumentu" in missing.stderr
    unknown = kis("init", "--nieznana", "x.xlsx")
    assert "Nie ma opcji --nieznana" in unknown.stderr
    assert "Nie ma polecenia" in kis("zrob-cos").stderr
    typo = kis("hursy").stderr
    assert "Błąd: Nie ma polecenia 'hursy'. Czy chodziło o: 'hours'?" in typo, typo
    bad_year = kis("outcomes", "klub.xlsx", "--rok", "abc")
    assert "Błąd: Nieprawidłowa wartość „rok”: podaj liczbę całkowitą" in bad_year.stderr
    assert "Input should be" not in bad_year.stderr


def test_meeting_add_on_an_unreadable_workbook(tmp_path: Path) -> None:
    broken = tmp_path / "klub.xlsx"
    broken.write_text("to nie jest skoroszyt")
    result = kis("meeting", "add", str(broken), "--activity", "Z01", "--date", "05.03.2025")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "klub.xlsx" in result.stderr


def test_unreadable_workbook_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "klub.xlsx"
    broken.write_text("to nie jest skoroszyt")
    extra = {"docs": ["regulamin"]}
    for command in commands():
        if command in ("init", "schema", "demo", "templates", "meeting"):
            continue
        result = kis(command, str(broken), *extra.get(command, []))
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr and "klub.xlsx" in result.stderr, command


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_text("x")
    result = kis("--debug", "init", str(tmp_path / "x.xlsx"))
    assert "Traceback" in result.stderr


def test_every_command_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in commands():
        assert f"kis-xl {command}" in readme, f"README does not document `kis-xl {command}`"


def test_document_kind_help_names_every_kind() -> None:
    """``docs`` and ``templates tags`` list the kinds in their help, written out for a fast
    ``--help``; a kind added to ``documents.kinds`` must appear there too."""
    from kis_xl.documents.kinds import KINDS
    from kis_xl.fronts.commands.docs import KINDS_HELP

    named = set(re.findall(r"[a-z_]+", KINDS_HELP))
    assert {k.key for k in KINDS} <= named
    for command in (["docs", "-h"], ["templates", "tags", "-h"]):
        shown = re.sub(r"[\s│]", "", kis(*command).stdout)
        assert "zaswiadczenie_wolontariusza" in shown, command


def test_a_named_command_is_built_alone_and_reads_as_in_the_whole_cli() -> None:
    """`kis-xl hours …` builds only `hours` (the others are neither imported nor built);
    its help, options and usage are those of the whole CLI, and a name that is not a
    command module of its own (`zestawienie` lives in report.py) gets the whole CLI."""
    from typer._click import Context

    from kis_xl.fronts.cli import build

    def help_of(group: object, name: str) -> str:
        parent = Context(group, info_name="kis-xl")  # type: ignore[arg-type]
        command = group.commands[name]  # type: ignore[attr-defined]
        return str(command.get_help(Context(command, info_name=name, parent=parent)))

    whole = build()
    names = list(whole.commands)
    assert {"hours", "check", "docs", "meeting", "templates", "zestawienie"} <= set(names)
    for name in names:
        alone = build(only=name)
        if name == "zestawienie":
            assert list(alone.commands) == names
        else:  # report.py also registers zestawienie
            assert list(alone.commands) in ([name], ["report", "zestawienie"]), name
        assert help_of(alone, name) == help_of(whole, name), name
    assert list(build(only="nie-ma-takiego").commands) == names
