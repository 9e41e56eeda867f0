"""The command line comes from the action registry: every entry has its command, and a new
entry of the common shape (read, run, show, write back) is a new command with no other code."""

from __future__ import annotations

import inspect
import json
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from kis_xl.actions import registry
from kis_xl.actions.base import ActionResult
from kis_xl.actions.registry import USER_ACTIONS, ActionSpec, Command, Needs, Option
from kis_xl.domain.model import Club
from kis_xl.fronts.cli import COMMANDS, build, make_app
from kis_xl.plan.errors import KisError
from tests.builders import write_club

ROOT = Path(__file__).resolve().parents[1]


def subcommand(root: Any, path: str) -> Any:
    """The click command ``kis-xl <path>`` (``meeting add``: the group, then its command)."""
    command = root
    for word in path.split():
        assert word in command.commands, f"kis-xl has no command `{path}`"
        command = command.commands[word]
    return command


def test_every_registry_entry_has_its_command_with_the_registry_help() -> None:
    from kis_xl.documents.kinds import BY_KEY

    root = build()
    for spec in USER_ACTIONS:
        assert spec.command is not None, f"registry entry {spec.name} has no CLI command"
        command = subcommand(root, spec.command.name)
        assert command.help == inspect.cleandoc(spec.command.help), spec.name
        kind = dict(spec.options).get("kind")
        if kind is not None:  # `kis-xl docs PLIK RODZAJ`: the entry's kind is a RODZAJ
            assert spec.command.name == "docs" and kind in BY_KEY
        if spec.command.generated:
            assert spec.needs is Needs.NOTHING, spec.name
            flags = {o for p in command.params for o in getattr(p, "opts", ())}
            assert {"--json", "--no-write", *(o.flag for o in spec.command.options)} <= flags


def test_every_registry_command_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec in USER_ACTIONS:
        assert spec.command is not None
        assert f"kis-xl {spec.command.name}" in readme, spec.command.name


def test_generated_commands_keep_the_listing_order() -> None:
    names = list(build().commands)
    assert [n for n in names if n in COMMANDS] == list(COMMANDS)


# --- a new entry ---------------------------------------------------------------------------


def count_action(club: Club, *, today: date | None = None, since: int | None = None,
                 label: str = "") -> ActionResult:
    """A made-up action: how many participants started in ``since`` or later."""
    ids = [p.id for p in club.participants
           if since is None or (p.start_date is not None and p.start_date.year >= since)]
    return ActionResult("policz", list(club.findings), {"ids": ids}, [f"{label}: {len(ids)}"])


def check_since(year: int | None) -> None:
    if year is not None and year < 2004:
        raise KisError(f"Rok {year} jest za wczesny: kluby działają od 2004 r.")


COUNT = ActionSpec(
    "count", "Policz", "Liczy uczestników.", "tests.test_cli_registry:count_action",
    ("participants",), options=(("label", "Uczestnicy"),),
    command=Command(
        "policz", "Policz uczestników klubu.\n\nDrugi akapit pomocy.", generated=True,
        options=(Option("--od-roku", "since", "Tylko przyjęci od tego roku.", type=int,
                        metavar="RRRR", check="tests.test_cli_registry:check_since"),),
    ),
)

BALANCE = ActionSpec(
    "balance", "Bilans", "Bilans wymiany pod inną nazwą.",
    "kis_xl.actions.exchange:exchange_action", ("participants", "exchanges"),
    command=Command("bilans", "Policz bilans wymiany.", generated=True),
)


def club(tmp_path: Path) -> Path:
    people = [{"id": pid, "last_name": f"Nazwisko{pid}", "first_name": "Anna", "category": "5",
               "start_date": start} for pid, start in
              (("U001", date(2024, 5, 1)), ("U002", date(2025, 3, 1)),
               ("U003", date(2025, 4, 1)))]
    exchanges = [{"date": date(2025, 4, 10), "giver": "U002", "receiver": "U003",
                  "service": "zakupy", "hours": 2}]
    return write_club(tmp_path / "klub.xlsx", participants=people, exchanges=exchanges)


def test_a_new_registry_entry_is_a_new_command(tmp_path: Path) -> None:
    path = club(tmp_path)
    app = make_app((*USER_ACTIONS, COUNT))
    runner = CliRunner()

    listing = runner.invoke(app, ["--help"]).output
    assert "policz" in listing.split("check")[1], "listed after the registry's commands"
    helped = runner.invoke(app, ["policz", "--help"]).output
    assert "Policz uczestników klubu." in helped and "Drugi akapit pomocy." in helped
    assert "--od-roku RRRR" in helped and "Tylko przyjęci od tego roku." in helped

    done = runner.invoke(app, ["policz", str(path)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == ["Uczestnicy: 3"]
    since = runner.invoke(app, ["policz", str(path), "--od-roku", "2025", "--json"])
    assert since.exit_code == 0, since.output
    assert json.loads(since.output)["ids"] == ["U002", "U003"]

    refused = runner.invoke(app, ["policz", str(path), "--od-roku", "1999"])
    assert refused.exit_code == 2
    assert "Rok 1999 jest za wczesny" in refused.output and "Traceback" not in refused.output
    missing = runner.invoke(app, ["policz", str(tmp_path / "brak.xlsx")])
    assert missing.exit_code == 2 and "brak.xlsx" in missing.output


def test_a_new_entry_writes_its_plan_back_unless_no_write(tmp_path: Path) -> None:
    path = club(tmp_path)
    app = make_app((*USER_ACTIONS, BALANCE))
    runner = CliRunner()
    dry = runner.invoke(app, ["bilans", str(path), "--no-write"])
    assert dry.exit_code == 0, dry.output
    assert "Nic nie zapisano (opcja --no-write)." in dry.output
    assert "Bilans wymiany" not in load_workbook(path).sheetnames
    done = runner.invoke(app, ["bilans", str(path)])
    assert done.exit_code == 0, done.output
    assert "Zapisano w skoroszycie" in done.output
    assert "Bilans wymiany" in load_workbook(path).sheetnames


def test_an_entry_taken_out_of_the_registry_takes_its_command_along() -> None:
    without = tuple(a for a in USER_ACTIONS if a.name != "exchange")
    names = set(typer_commands(without))
    assert "exchange" not in names and {"check", "hours", "outcomes", "docs"} <= names
    assert registry.get("exchange").command is not None


def typer_commands(actions: tuple[ActionSpec, ...]) -> list[str]:
    return list(build(actions).commands)
