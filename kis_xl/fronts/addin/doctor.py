"""``kis-xl addin doctor``: everything a click on the KIS ribbon depends on, checked on the PC.

A click goes: Excel loads ``kis.xlam`` from XLSTART (macros allowed there: a trusted
location, no Mark of the Web on the add-in) → its VBA reads ``%USERPROFILE%\\.kis\\kis.conf``
in the ANSI code page → starts ``cmd.exe /C python …`` (Defender's attack-surface-reduction
rule "Block all Office applications from creating child processes" stops exactly this) →
Python imports kis_xl and xlwings of the add-in's version → the workbook must be editable
(not in Protected View, which a Mark of the Web brings).

Each step is one check. The Windows facts come from thin calls (``Probes``: PowerShell's
``Get-MpPreference`` as JSON, the registry through ``winreg``, a file's ``Zone.Identifier``
stream); what they answer is read by plain functions tested on Linux with sample answers.
On Linux and macOS the Windows-only checks say they do not apply; the rest still run.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ASR_CHILD_PROCESS_RULE = "D4F940AB-401B-4EFC-AADC-AD5F3C50688A"
"""Defender ASR rule "Block all Office applications from creating child processes"."""

OK, PROBLEM, SKIPPED = "OK", "PROBLEM", "NIE DOTYCZY"
_ASR_ACTIONS = {0: "wyłączona", 1: "blokuj", 2: "tylko inspekcja", 6: "ostrzegaj"}
_ZONES = {0: "ten komputer", 1: "intranet", 2: "zaufane witryny", 3: "Internet",
          4: "witryny z ograniczeniami"}
TRUSTED_KEY = r"Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations"
POLICY_KEY = r"Software\Policies\Microsoft\Office\16.0\Excel\Security\Trusted Locations"


@dataclass
class Check:
    """One line of the diagnosis: what was checked, the verdict, what to do."""

    name: str
    status: str
    text: str
    fix: str = ""

    def lines(self) -> list[str]:
        out = [f"[{self.status}] {self.name}: {self.text}"]
        if self.fix:
            out.append(f"    Co zrobić: {self.fix}")
        return out


# --- reading what Windows answers (pure, tested on Linux) ---------------------------------


@dataclass
class AsrState:
    """The child-process rule as ``Get-MpPreference`` reports it."""

    action: int | None
    """0 off, 1 block, 2 audit, 6 warn; None: not configured (or not readable)."""
    exclusions: list[str] = field(default_factory=list)
    exclusions_hidden: bool = False
    """Defender shows exclusions to administrators only ("N/A: Must be an administrator…")."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def parse_mp_preference(text: str) -> AsrState:
    """``Get-MpPreference | Select-Object AttackSurfaceReductionRules_Ids,
    AttackSurfaceReductionRules_Actions, AttackSurfaceReductionOnlyExclusions |
    ConvertTo-Json`` → the child-process rule's state."""
    data = json.loads(text)
    ids = [str(i).strip("{}").upper()
           for i in _as_list(data.get("AttackSurfaceReductionRules_Ids"))]
    raw = data.get("AttackSurfaceReductionRules_Actions")
    if isinstance(raw, str) and not raw.isdigit():  # byte[] as Base64 (PowerShell 7's JSON)
        import base64

        raw = list(base64.b64decode(raw))
    actions = [int(a) for a in _as_list(raw)]
    excluded = [str(e) for e in _as_list(data.get("AttackSurfaceReductionOnlyExclusions"))]
    hidden = any(e.startswith("N/A") for e in excluded)
    action = actions[ids.index(ASR_CHILD_PROCESS_RULE)] if (
        ASR_CHILD_PROCESS_RULE in ids and len(actions) == len(ids)) else None
    return AsrState(action, [e for e in excluded if not e.startswith("N/A")], hidden)


def parse_zone_identifier(text: str) -> int | None:
    """The ``ZoneId`` of a ``Zone.Identifier`` stream (the Mark of the Web)."""
    found = re.search(r"(?mi)^\s*ZoneId\s*=\s*(\d+)", text)
    return int(found.group(1)) if found else None


def read_config(data: bytes, encoding: str) -> dict[str, str]:
    """``kis.conf`` as the add-in's VBA reads it (``Input #``: ANSI bytes, quoted pairs);
    keys upper-cased (the VBA compares them without case)."""
    out: dict[str, str] = {}
    for line in data.decode(encoding, errors="replace").splitlines():
        values = re.findall(r'"([^"]*)"', line)
        if len(values) >= 2:
            out.setdefault(values[0].upper(), values[1])
    return out


def expand_windows(path: str, env: dict[str, str]) -> str:
    """``%APPDATA%\\…`` with the variables of ``env`` (names without case, as Windows)."""
    upper = {k.upper(): v for k, v in env.items()}
    return re.sub(r"%([^%]+)%", lambda m: upper.get(m.group(1).upper(), m.group(0)), path)


@dataclass(frozen=True)
class TrustedLocation:
    path: str
    subfolders: bool
    policy: bool = False


def _windows_key(path: str) -> str:
    return path.replace("/", "\\").rstrip("\\").casefold()


def is_trusted(folder: Path | str, locations: list[TrustedLocation], env: dict[str, str]
               ) -> bool:
    """``folder`` is one of the trusted locations (or under one that allows subfolders)."""
    wanted = _windows_key(str(folder))
    for loc in locations:
        base = _windows_key(expand_windows(loc.path, env))
        if wanted == base or (loc.subfolders and wanted.startswith(base + "\\")):
            return True
    return False


# --- the thin Windows calls ---------------------------------------------------------------


class Probes:
    """What only a Windows PC can answer (the doctor's tests give sample answers)."""

    def mp_preference(self) -> str | None:
        """``Get-MpPreference`` as JSON; None when it cannot run (no Defender, no PowerShell)."""
        command = ("Get-MpPreference | Select-Object AttackSurfaceReductionRules_Ids,"
                   "AttackSurfaceReductionRules_Actions,AttackSurfaceReductionOnlyExclusions"
                   " | ConvertTo-Json -Compress")
        try:
            done = subprocess.run(["powershell", "-NoProfile", "-NonInteractive", "-Command",
                                   command], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        text = done.stdout.decode("utf-8", errors="replace").strip()
        return text if done.returncode == 0 and text.startswith("{") else None

    def trusted_locations(self) -> tuple[list[TrustedLocation], bool] | None:
        """Excel's trusted locations of this user and from policy, and whether a policy turns
        all of them off; None when the registry cannot be read."""
        try:
            winreg: Any = importlib.import_module("winreg")  # Windows only
        except ImportError:
            return None
        found: list[TrustedLocation] = []
        disabled = False
        for key_path, policy in ((TRUSTED_KEY, False), (POLICY_KEY, True)):
            try:
                key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path)
            except OSError:
                continue
            with key:
                if policy:
                    disabled = bool(_value(winreg, key, "AllLocationsDisabled"))
                for i in range(1024):
                    try:
                        name = winreg.EnumKey(key, i)
                    except OSError:
                        break
                    with winreg.OpenKey(key, name) as sub:
                        path = _value(winreg, sub, "Path")
                        if path:
                            found.append(TrustedLocation(
                                str(path), bool(_value(winreg, sub, "AllowSubFolders")), policy))
        return found, disabled

    def zone_identifier(self, path: Path) -> str | None:
        """The file's Mark of the Web (its ``Zone.Identifier`` stream), None when it has none."""
        try:
            with open(f"{path}:Zone.Identifier", encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return None

    def run(self, args: list[str]) -> tuple[int, str]:
        try:
            done = subprocess.run(args, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return -1, str(exc)
        out = (done.stdout + done.stderr).decode("utf-8", errors="replace")
        return done.returncode, out.strip()


def _value(winreg: Any, key: Any, name: str) -> Any:
    try:
        return winreg.QueryValueEx(key, name)[0]
    except OSError:
        return None


# --- the checks ---------------------------------------------------------------------------


@dataclass
class Machine:
    """Where the doctor looks (the real PC by default; tests give folders and answers)."""

    platform: str = sys.platform
    home: Path = field(default_factory=Path.home)
    env: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    probes: Probes = field(default_factory=Probes)
    build: Callable[[], bytes] | None = None

    def __post_init__(self) -> None:
        import os

        from kis_xl.fronts.addin.install import ansi_encoding

        self.env = self.env or dict(os.environ)
        self.encoding = self.encoding or ansi_encoding(self.platform)

    def default_xlstart(self) -> Path | None:
        if self.platform == "win32" and self.env.get("APPDATA"):
            return Path(self.env["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
        return None  # macOS: Excel's startup folder varies by version (give --xlstart)


def report(checks: list[Check]) -> tuple[list[str], int]:
    """The lines to print and the exit code (1 when anything needs fixing)."""
    lines = [line for check in checks for line in check.lines()]
    problems = sum(check.status == PROBLEM for check in checks)
    lines.append(f"Do poprawienia: {problems}." if problems else
                 "Wszystko, co dało się tu sprawdzić, jest w porządku.")
    return lines, 1 if problems else 0


def diagnose(machine: Machine, *, xlstart: Path | None = None,
             workbook: Path | None = None) -> list[Check]:
    windows = machine.platform == "win32"
    checks = [_excel_here(machine)]
    config, interpreter = _config(machine)
    checks.append(config)
    checks.append(_python(machine, interpreter))
    folder = xlstart or machine.default_xlstart()
    checks.append(_addin_bytes(machine, folder))
    checks.append(_asr(machine) if windows else _skipped("Reguła ASR Defendera", machine))
    checks.append(_trusted(machine, folder) if windows
                  else _skipped("Zaufana lokalizacja", machine))
    checks.append(_motw(machine, workbook))
    return checks


def _skipped(name: str, machine: Machine) -> Check:
    return Check(name, SKIPPED, f"sprawdzane tylko w Windows (ten system: {machine.platform}).")


def _excel_here(machine: Machine) -> Check:
    if machine.platform in ("win32", "darwin"):
        return Check("System", OK, f"{machine.platform}; strona kodowa programów: "
                     f"{machine.encoding}.")
    from kis_xl.fronts.addin.install import not_available_message

    return Check("System", PROBLEM, not_available_message(machine.platform),
                 "Uruchom „kis-xl addin doctor” na komputerze z Excelem.")


def _config(machine: Machine) -> tuple[Check, str]:
    from kis_xl.fronts.addin.install import config_path

    name = "Konfiguracja dodatku"
    if machine.platform not in ("win32", "darwin"):
        return Check(name, SKIPPED, "bez Excela nie ma pliku kis.conf; sprawdzam Pythona, "
                     "który uruchomił to polecenie."), sys.executable
    path = config_path(machine.platform, machine.home)
    reinstall = "Uruchom „kis-xl addin install” Pythonem, w którym zainstalowano kis_xl."
    if not path.is_file():
        return Check(name, PROBLEM, f"brak pliku {path}.", reinstall), sys.executable
    data = path.read_bytes()
    values = read_config(data, machine.encoding)
    conda = values.get("CONDA PATH", "")
    key = "INTERPRETER_WIN" if machine.platform == "win32" else "INTERPRETER_MAC"
    interpreter = values.get(key, "")
    if conda:
        bat = Path(conda) / "condabin" / "conda.bat"
        if not bat.is_file():
            return Check(name, PROBLEM, f"dodatek odczyta CONDA PATH „{conda}”, ale nie ma tam "
                         "condabin\\conda.bat.", reinstall), sys.executable
        return Check(name, OK, f"{path}: conda {conda}, środowisko "
                     f"{values.get('CONDA ENV', '')}."), sys.executable
    if not interpreter:
        return Check(name, PROBLEM, f"{path} nie podaje Pythona ({key}).", reinstall), \
            sys.executable
    if not Path(interpreter).is_file():
        utf8 = read_config(data, "utf-8").get(key, "")
        why = (" Plik zapisano w UTF-8, a dodatek czyta go w stronie kodowej "
               f"{machine.encoding}: Excel zobaczy „{interpreter}” i powie „Could not find "
               "Interpreter!”." if utf8 != interpreter and Path(utf8).is_file() else "")
        return Check(name, PROBLEM, f"dodatek odczyta z {path} Pythona „{interpreter}”, "
                     f"którego nie ma na dysku.{why}", reinstall), utf8 or interpreter
    return Check(name, OK, f"{path}: {interpreter}."), interpreter


def _python(machine: Machine, interpreter: str) -> Check:
    from importlib.metadata import version

    name = "Python i kis_xl"
    code = "import kis_xl.fronts.excel, xlwings; print(xlwings.__version__)"
    status, out = machine.probes.run([interpreter, "-c", code])
    wanted = version("xlwings")
    if status != 0:
        return Check(name, PROBLEM, f"„{interpreter}” nie importuje kis_xl z xlwings "
                     f"({out.splitlines()[-1] if out else status}).",
                     f"Zainstaluj kis_xl w tym Pythonie: „{interpreter}” -m pip install kis_xl.")
    found = out.splitlines()[-1].strip() if out else ""
    if found != wanted:
        return Check(name, PROBLEM, f"„{interpreter}” ma xlwings {found}, a dodatek zbudowano "
                     f"z xlwings {wanted}.", "Zainstaluj dodatek ponownie tym Pythonem "
                     "(kis-xl addin install).")
    return Check(name, OK, f"„{interpreter}” importuje kis_xl (xlwings {found}).")


def _addin_bytes(machine: Machine, folder: Path | None) -> Check:
    name = "Dodatek w XLSTART"
    if folder is None:
        return Check(name, SKIPPED, "nie znam folderu XLSTART w tym systemie (podaj go: "
                     "--xlstart FOLDER).")
    from kis_xl.fronts.addin.build import build_addin
    from kis_xl.fronts.addin.install import ADDIN_FILE

    target = folder / ADDIN_FILE
    reinstall = "Zamknij Excel i uruchom „kis-xl addin install”."
    if not target.is_file():
        return Check(name, PROBLEM, f"brak pliku {target}.", reinstall)
    if target.read_bytes() != (machine.build or build_addin)():
        return Check(name, PROBLEM, f"{target} różni się od dodatku tej wersji kis_xl "
                     "(stary albo uszkodzony).", reinstall)
    zone = (parse_zone_identifier(machine.probes.zone_identifier(target) or "")
            if machine.platform == "win32" else None)
    if zone is not None and zone >= 3:
        return Check(name, PROBLEM, f"{target} ma znacznik pobrania z Internetu (Mark of the "
                     "Web): Excel zablokuje jego makra.", reinstall + " (dodatek zbudowany na "
                     "tym komputerze nie ma znacznika) albo: Właściwości pliku › Odblokuj.")
    return Check(name, OK, f"{target} to dodatek tej wersji kis_xl.")


def _asr(machine: Machine) -> Check:
    name = "Reguła ASR Defendera"
    text = machine.probes.mp_preference()
    rule = ("„Block all Office applications from creating child processes” "
            f"({ASR_CHILD_PROCESS_RULE})")
    if text is None:
        return Check(name, OK, "nie odczytano ustawień Defendera (Get-MpPreference); "
                     f"reguła {rule} nie jest tu widoczna.",
                     "Jeśli kliknięcie przycisku nic nie robi, zapytaj dział IT o tę regułę "
                     "(README: instrukcja dla działu IT).")
    state = parse_mp_preference(text)
    ask_it = ("Poproś dział IT o wyjątek dla tej reguły (README: „Dodatek Excela „KIS” "
              "(instrukcja dla działu IT)”); do tego czasu używaj poleceń kis-xl w wierszu "
              "poleceń na zapisanym pliku.")
    if state.action == 1:
        hidden = (" Wyjątki widzi tylko administrator." if state.exclusions_hidden else "")
        listed = (f" Wyjątki: {', '.join(state.exclusions)}." if state.exclusions else "")
        return Check(name, PROBLEM, f"reguła {rule} blokuje: Excel nie uruchomi Pythona "
                     f"(przyciski KIS nie zadziałają, chyba że IT dodało wyjątek).{listed}{hidden}",
                     ask_it)
    if state.action == 6:
        return Check(name, PROBLEM, f"reguła {rule} ostrzega: przy kliknięciu Windows zapyta, "
                     "czy odblokować uruchomienie.", ask_it)
    label = _ASR_ACTIONS.get(state.action, "nieskonfigurowana") if state.action is not None \
        else "nieskonfigurowana"
    return Check(name, OK, f"reguła {rule}: {label}.")


def _trusted(machine: Machine, folder: Path | None) -> Check:
    name = "Zaufana lokalizacja"
    answer = machine.probes.trusted_locations()
    if answer is None or folder is None:
        return Check(name, OK, "nie odczytano zaufanych lokalizacji Excela z rejestru.")
    locations, disabled = answer
    if disabled:
        return Check(name, PROBLEM, "zasady grupy wyłączają wszystkie zaufane lokalizacje: "
                     "makra dodatku w XLSTART mogą być zablokowane.",
                     "Poproś dział IT o podpisanie dodatku certyfikatem albo dopuszczenie "
                     "folderu XLSTART.")
    if not locations:
        return Check(name, OK, "rejestr nie wymienia zaufanych lokalizacji (ustawienia "
                     "domyślne Excela: XLSTART jest zaufany).")
    if is_trusted(folder, locations, machine.env):
        return Check(name, OK, f"{folder} jest zaufaną lokalizacją Excela.")
    return Check(name, PROBLEM, f"{folder} nie jest na liście zaufanych lokalizacji Excela.",
                 "Excel: Plik › Opcje › Centrum zaufania › Ustawienia Centrum zaufania › "
                 f"Zaufane lokalizacje › Dodaj nową lokalizację: {folder}.")


def _motw(machine: Machine, workbook: Path | None) -> Check:
    name = "Skoroszyt klubu"
    if workbook is None:
        return Check(name, SKIPPED, "nie podano skoroszytu (--skoroszyt PLIK).")
    if not workbook.is_file():
        return Check(name, PROBLEM, f"nie ma pliku {workbook}.")
    if machine.platform != "win32":
        return Check(name, SKIPPED, "znacznik pobrania z Internetu (Mark of the Web) "
                     "sprawdzany tylko w Windows.")
    zone = parse_zone_identifier(machine.probes.zone_identifier(workbook) or "")
    if zone is not None and zone >= 3:
        return Check(name, PROBLEM, f"{workbook.name} pochodzi z „{_ZONES.get(zone, zone)}” "
                     "(Mark of the Web): Excel otworzy go w Widoku chronionym i przyciski KIS "
                     "powiedzą „Najpierw otwórz skoroszyt”.",
                     "Kliknij „Włącz edytowanie” na żółtym pasku albo: prawy przycisk na pliku "
                     "› Właściwości › zaznacz „Odblokuj” › OK.")
    return Check(name, OK, f"{workbook.name} nie ma znacznika pobrania z Internetu.")
