"""``kis-xl addin doctor``: the checks with Windows' answers given as samples.

Only ``Probes`` is faked (PowerShell's ``Get-MpPreference``, the registry, a file's
``Zone.Identifier`` stream, running the configured Python). The sample answers are written
in the documented shape of those outputs; they were NOT recorded on a Windows PC here
(there is none): the README checklist asks IT to run the doctor on one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kis_xl.fronts.addin import doctor
from kis_xl.fronts.addin.install import config_text, write_config

RULE = doctor.ASR_CHILD_PROCESS_RULE
MP_BLOCK = json.dumps({
    "AttackSurfaceReductionRules_Ids": ["3B576869-A4EC-4529-8536-B80A7769E899",
                                        RULE.lower()],
    "AttackSurfaceReductionRules_Actions": [1, 1],
    "AttackSurfaceReductionOnlyExclusions": ["N/A: Must be and administrator to view "
                                             "exclusions"],
})
MP_AUDIT = json.dumps({"AttackSurfaceReductionRules_Ids": [RULE],
                       "AttackSurfaceReductionRules_Actions": [2],
                       "AttackSurfaceReductionOnlyExclusions": None})
MP_NONE = json.dumps({"AttackSurfaceReductionRules_Ids": None,
                      "AttackSurfaceReductionRules_Actions": None,
                      "AttackSurfaceReductionOnlyExclusions": None})
ZONE_INTERNET = ("[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://poczta.example.pl/\r\n"
                 "HostUrl=https://poczta.example.pl/zalacznik/klub.xlsx\r\n")


class Sample(doctor.Probes):
    def __init__(self, *, mp: str | None = MP_NONE, zones: dict[str, str] | None = None,
                 trusted: tuple[list[doctor.TrustedLocation], bool] | None = None,
                 python: tuple[int, str] = (0, "0.37.8")) -> None:
        self.mp, self.zones, self.trusted, self.python = mp, zones or {}, trusted, python
        self.ran: list[list[str]] = []

    def mp_preference(self) -> str | None:
        return self.mp

    def trusted_locations(self) -> tuple[list[doctor.TrustedLocation], bool] | None:
        return self.trusted

    def zone_identifier(self, path: Path) -> str | None:
        return self.zones.get(path.name)

    def run(self, args: list[str]) -> tuple[int, str]:
        self.ran.append(args)
        return self.python


ADDIN = b"PK built add-in"


def _pc(tmp_path: Path, probes: doctor.Probes, *, python: Path | None = None) -> doctor.Machine:
    """A Polish Windows PC of user Michał: home, %APPDATA%, XLSTART with the add-in."""
    home = tmp_path / "Users" / "Michał"
    appdata = home / "AppData" / "Roaming"
    xlstart = appdata / "Microsoft" / "Excel" / "XLSTART"
    xlstart.mkdir(parents=True)
    (xlstart / "kis.xlam").write_bytes(ADDIN)
    python = python or home / "Python311" / "python.exe"
    python.parent.mkdir(parents=True, exist_ok=True)
    python.write_bytes(b"MZ")
    write_config(home / ".kis" / "kis.conf", config_text("win32", str(python)), "cp1250")
    return doctor.Machine(platform="win32", home=home, env={"APPDATA": str(appdata)},
                          encoding="cp1250", probes=probes, build=lambda: ADDIN)


def _by_name(checks: list[doctor.Check]) -> dict[str, doctor.Check]:
    return {c.name: c for c in checks}


def test_a_healthy_pc_passes(tmp_path: Path) -> None:
    trusted = ([doctor.TrustedLocation(r"%APPDATA%\Microsoft\Excel\XLSTART\\", False)], False)
    probes = Sample(trusted=trusted)
    checks = doctor.diagnose(_pc(tmp_path, probes), workbook=Path(__file__))
    lines, code = doctor.report(checks)
    assert code == 0, lines
    assert probes.ran[0][0].endswith("python.exe")  # the configured Python, not this one
    assert lines[-1].startswith("Wszystko")


def test_the_asr_rule_blocking_or_in_audit_mode(tmp_path: Path) -> None:
    checks = _by_name(doctor.diagnose(_pc(tmp_path, Sample(mp=MP_BLOCK))))
    asr = checks["Reguła ASR Defendera"]
    assert asr.status == doctor.PROBLEM and "blokuje" in asr.text and RULE in asr.text
    assert "tylko administrator" in asr.text and "wyjątek" in asr.fix
    state = doctor.parse_mp_preference(MP_AUDIT)
    assert state.action == 2 and state.exclusions == [] and not state.exclusions_hidden
    assert doctor.parse_mp_preference(MP_NONE).action is None
    one = json.dumps({"AttackSurfaceReductionRules_Ids": "{" + RULE + "}",
                      "AttackSurfaceReductionRules_Actions": 6,
                      "AttackSurfaceReductionOnlyExclusions": [r"C:\Python311\python.exe"]})
    assert doctor.parse_mp_preference(one) == doctor.AsrState(6, [r"C:\Python311\python.exe"])
    pwsh7 = json.dumps({"AttackSurfaceReductionRules_Ids": ["X", RULE],
                        "AttackSurfaceReductionRules_Actions": "AgE=",  # bytes 2, 1
                        "AttackSurfaceReductionOnlyExclusions": None})
    assert doctor.parse_mp_preference(pwsh7).action == 1


def test_a_utf8_config_is_named_as_the_cause(tmp_path: Path) -> None:
    machine = _pc(tmp_path, Sample())
    conf = machine.home / ".kis" / "kis.conf"
    python = machine.home / "Python311" / "python.exe"
    conf.write_bytes(f'"INTERPRETER_WIN","{python}"\r\n'.encode())  # the old install
    check = _by_name(doctor.diagnose(machine))["Konfiguracja dodatku"]
    assert check.status == doctor.PROBLEM
    assert "MichaĹ‚" in check.text and "UTF-8" in check.text and "cp1250" in check.text
    assert "kis-xl addin install" in check.fix


def test_addin_missing_stale_or_marked_and_an_untrusted_xlstart(tmp_path: Path) -> None:
    probes = Sample(zones={"kis.xlam": ZONE_INTERNET, "klub.xlsx": ZONE_INTERNET},
                    trusted=([doctor.TrustedLocation(r"C:\Inne", True)], False))
    machine = _pc(tmp_path, probes)
    workbook = tmp_path / "klub.xlsx"
    workbook.write_bytes(b"PK")
    checks = _by_name(doctor.diagnose(machine, workbook=workbook))
    assert "Mark of the Web" in checks["Dodatek w XLSTART"].text
    assert checks["Zaufana lokalizacja"].status == doctor.PROBLEM
    book = checks["Skoroszyt klubu"]
    assert "Widoku chronionym" in book.text and "Internet" in book.text
    assert "Włącz edytowanie" in book.fix
    xlstart = machine.default_xlstart()
    assert xlstart is not None
    (xlstart / "kis.xlam").write_bytes(b"PK old add-in")
    assert "różni się" in _by_name(doctor.diagnose(machine))["Dodatek w XLSTART"].text
    (xlstart / "kis.xlam").unlink()
    assert "brak pliku" in _by_name(doctor.diagnose(machine))["Dodatek w XLSTART"].text


def test_python_without_kis_xl_or_with_another_xlwings(tmp_path: Path) -> None:
    machine = _pc(tmp_path, Sample(python=(1, "ModuleNotFoundError: No module named 'kis_xl'")))
    check = _by_name(doctor.diagnose(machine))["Python i kis_xl"]
    assert check.status == doctor.PROBLEM and "No module named 'kis_xl'" in check.text
    machine = _pc(tmp_path / "b", Sample(python=(0, "0.30.0")))
    check = _by_name(doctor.diagnose(machine))["Python i kis_xl"]
    assert "xlwings 0.30.0" in check.text and "0.37.8" in check.text


def test_trusted_locations_are_matched_as_windows_paths() -> None:
    env = {"AppData": r"C:\Users\Michał\AppData\Roaming"}
    xlstart = r"C:\Users\Michał\AppData\Roaming\Microsoft\Excel\XLSTART"
    user = doctor.TrustedLocation(r"%APPDATA%\Microsoft\Excel\XLSTART\\", False)
    parent = doctor.TrustedLocation(r"c:\users\michał\appdata\roaming", True)
    assert doctor.is_trusted(xlstart, [user], env)
    assert doctor.is_trusted(xlstart, [parent], env)
    assert not doctor.is_trusted(xlstart, [doctor.TrustedLocation(parent.path, False)], env)
    assert doctor.parse_zone_identifier(ZONE_INTERNET) == 3
    assert doctor.parse_zone_identifier("[ZoneTransfer]") is None


def test_doctor_runs_on_linux_and_says_excel_is_not_here(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("Linux behaviour")
    xlstart = tmp_path / "XLSTART"
    xlstart.mkdir()
    done = subprocess.run([sys.executable, "-m", "kis_xl", "addin", "doctor", "--xlstart",
                           str(xlstart)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert "Excel nie jest dostępny w tym systemie" in done.stdout
    assert "[OK] Python i kis_xl" in done.stdout
    assert f"brak pliku {xlstart / 'kis.xlam'}" in done.stdout
    assert "[NIE DOTYCZY] Reguła ASR Defendera" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
