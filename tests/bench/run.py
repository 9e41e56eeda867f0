"""All benchmarks in one command (run by hand, never in CI): ``python -m tests.bench``.

    python -m tests.bench [--skala 100] [--runs 5] [--docs 500] [--bez-lo] [--bez-docs]
                          [--tylko-docs] [--skoroszyt PLIK]

Builds the big office's workbook (``kis-xl demo --skala``; or takes ``--skoroszyt``) and
prints one table: the median wall time of each measure over ``--runs`` runs, its ratio to
the floor measured in the same run, and the peak memory (max RSS) of the process. Whole
processes are started as a ribbon click starts them:

- ``floor``: a process that only reads every sheet with python-calamine;
- ``check``/``hours``/``outcomes`` with ``--json --no-write``, then with write-back (the
  workbook is restored, untimed, before each run); "+write" is the difference of medians;
- ``LibreOffice SUMIFS``: LibreOffice loading the workbook with the participant hours as
  SUMIFS/COUNTIFS formulas (one helper column per attendance row) and saving it, against
  ``hours --json --no-write``; also the same conversion of the workbook without formulas;
- ``docs kontrakt``: ``--docs`` contracts by ``render_documents`` against a naive docxtpl
  loop that loads the template for every document (in this process); the two are run
  alternately (naive, ours, naive, ours, …) so that a busy neighbour slows both alike, and
  the note gives the median CPU time (user+sys of this process and its worker processes);
- ``import kis_xl.fronts.excel`` (``python -X importtime``: the cumulative time of the module).

``--tylko-docs`` measures only the documents (no floor, check/hours/outcomes, LibreOffice
or import time).

kis_xl's modules are compiled to .pyc first, as in an installed package. Timings on a
shared machine are noisy: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench.common import TODAY, write_big_club  # noqa: E402

FLOOR = """
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
rows = sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)
print(rows)
"""


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float | None, float | None, str]] = []
        self.floor: float | None = None

    def add(self, name: str, seconds: float, rss_mb: float | None = None, note: str = "",
            ratio_to: float | None = None) -> None:
        base = ratio_to if ratio_to is not None else self.floor
        ratio = seconds / base if base else None
        self.rows.append((name, seconds, ratio, rss_mb, note))
        ratio_text = f"{ratio:6.2f}×" if ratio is not None else "       "
        rss_text = f"{rss_mb:7.0f} MB" if rss_mb is not None else "          "
        print(f"{name:<38} {seconds:8.3f} s {ratio_text} {rss_text}  {note}", flush=True)


CPU_TIMES: dict[tuple[str, ...], list[float]] = {}
"""CPU seconds (user + system) of every process run, by command: on a busy machine they
vary far less than wall time, so the table shows their median too."""


def run_process(cmd: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU_TIMES.setdefault(tuple(cmd), []).append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss / 1024


def cpu_note(cmd: Sequence[str]) -> str:
    return f"cpu {statistics.median(CPU_TIMES[tuple(cmd)]):.2f} s"


def median_process(cmd: Sequence[str], runs: int, reset: Callable[[], object] | None = None
                   ) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        if reset is not None:
            reset()
        seconds, peak = run_process(cmd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def median_call(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def actions(table: Table, original: Path, work: Path, runs: int) -> float:
    """check/hours/outcomes with and without write-back; returns hours --no-write."""
    def restore() -> None:
        shutil.copy(original, work)

    hours_s = 0.0
    for action in ("check", "hours", "outcomes"):
        cli = [sys.executable, "-m", "kis_xl", action, str(work), "--json"]
        restore()
        dry, dry_rss = median_process([*cli, "--no-write"], runs)
        table.add(f"{action} --json --no-write", dry, dry_rss, cpu_note([*cli, "--no-write"]))
        wet, wet_rss = median_process(cli, runs, restore)
        table.add(f"{action} --json (write-back)", wet, wet_rss,
                  f"{cpu_note(cli)}; write-back adds {wet - dry:.2f} s")
        if action == "hours":
            hours_s = dry
    restore()
    return hours_s


def formula_workbook(src: Path, dest: Path) -> None:
    """The workbook with each participant's present hours and presences as SUMIFS/COUNTIFS."""
    from openpyxl import load_workbook

    from kis_xl.workbook import schema

    wb = load_workbook(src)
    meetings = wb[schema.sheet("meetings").name]
    attendance = wb[schema.sheet("attendance").name]
    people = wb[schema.sheet("participants").name]
    m_last, a_last = meetings.max_row, attendance.max_row
    helper = 20  # column T, right of every schema column
    for r in range(2, m_last + 1):
        meetings.cell(r, helper, f"=(D{r}-C{r})*24")
    for r in range(2, a_last + 1):
        attendance.cell(r, helper, (
            f'=IF(C{r}="obecny",IF(D{r}<>"",D{r},'
            f"VLOOKUP(A{r},'{meetings.title}'!$A$2:$T${m_last},20,0)),0)"))
    peer = wb.create_sheet("SUMIFS")
    att = f"'{attendance.title}'"
    for r in range(2, people.max_row + 1):
        peer.cell(r, 1, f"='{people.title}'!A{r}")
        peer.cell(r, 2, f"=SUMIFS({att}!$T$2:$T${a_last},{att}!$B$2:$B${a_last},A{r})")
        peer.cell(r, 3, (f"=COUNTIFS({att}!$B$2:$B${a_last},A{r},"
                         f'{att}!$C$2:$C${a_last},"obecny")'))
    wb.save(dest)


def soffice_convert_cmd(src: Path, outdir: Path, profile: Path) -> list[str]:
    from kis_xl.documents.pdf import require_soffice

    return [require_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--convert-to", "xlsx", "--outdir", str(outdir), str(src)]


def libreoffice(table: Table, original: Path, tmp: Path, runs: int, hours_s: float) -> None:
    formulas = tmp / "sumifs.xlsx"
    t0 = time.perf_counter()
    formula_workbook(original, formulas)
    print(f"(formula workbook built in {time.perf_counter() - t0:.0f} s)", flush=True)
    profile = tmp / "lo-profile"
    run_process(soffice_convert_cmd(original, tmp / "warm", profile))  # profile, caches
    plain, _ = median_process(soffice_convert_cmd(original, tmp / "lo-plain", profile), runs)
    peer, _ = median_process(soffice_convert_cmd(formulas, tmp / "lo-sumifs", profile), runs)
    table.add("LibreOffice load+save, no formulas", plain, None, "vs hours --no-write",
              ratio_to=hours_s)
    table.add("LibreOffice SUMIFS/COUNTIFS recalc", peer, None, "vs hours --no-write",
              ratio_to=hours_s)
    _check_peer(tmp / "lo-sumifs" / "sumifs.xlsx", original)


def _check_peer(converted: Path, original: Path) -> None:
    """The formulas were really computed, and agree with the hours action."""
    from python_calamine import CalamineWorkbook

    from kis_xl.actions.hours import hours_action
    from kis_xl.actions.registry import get
    from kis_xl.workbook.reader import read_workbook

    sheet = CalamineWorkbook.from_path(str(converted)).get_sheet_by_name("SUMIFS").to_python()
    lo = {row[0]: float(row[1] or 0) for row in sheet[1:] if row and row[0]}
    result = hours_action(read_workbook(original, sheets=get("hours").sheets), today=TODAY)
    ours = {p["id"]: float(p["hours_total"])
            for p in result.payload.get("participants", [])}
    same = sum(abs(lo.get(pid, -1) - h) < 0.01 for pid, h in ours.items())
    print(f"(LibreOffice SUMIFS agrees with hours for {same} of {len(ours)} participants; "
          f"{sum(v > 0 for v in lo.values())} non-zero sums)", flush=True)


def documents(table: Table, original: Path, tmp: Path, runs: int, count: int) -> None:
    from docxtpl import DocxTemplate

    from kis_xl.documents.contexts import ClubData
    from kis_xl.documents.environment import environment
    from kis_xl.documents.kinds import BY_KEY
    from kis_xl.documents.locate import choose_template
    from kis_xl.documents.render import render_documents
    from kis_xl.workbook.reader import read_workbook

    club = read_workbook(original)
    ids = [p.id for p in club.participants[:count]]
    kind = BY_KEY["kontrakt"]
    template = choose_template(kind.template, None, None).path

    def ours() -> None:
        shutil.rmtree(tmp / "docs", ignore_errors=True)
        files = render_documents(club, "kontrakt", ids, tmp / "docs", today=TODAY, force=True)
        assert len(files) == len(ids)

    def naive() -> None:
        shutil.rmtree(tmp / "naive", ignore_errors=True)
        (tmp / "naive").mkdir()
        data = ClubData(club, TODAY)
        for p in club.participants[:count]:
            doc = DocxTemplate(str(template))
            doc.render(kind.build(data, p), jinja_env=environment(), autoescape=True)
            doc.save(str(tmp / "naive" / f"{p.id}.docx"))

    naive_times: list[tuple[float, float]] = []
    ours_times: list[tuple[float, float]] = []
    for _ in range(runs):  # alternately, so that a neighbour's load falls on both alike
        naive_times.append(timed(naive))
        ours_times.append(timed(ours))
    naive_s = statistics.median(t for t, _ in naive_times)
    ours_s = statistics.median(t for t, _ in ours_times)
    naive_cpu = statistics.median(c for _, c in naive_times)
    ours_cpu = statistics.median(c for _, c in ours_times)
    table.add(f"docs: naive docxtpl loop, {count}", naive_s, None,
              f"{count / naive_s:.0f} documents/s; CPU {naive_cpu:.2f} s", ratio_to=naive_s)
    table.add(f"docs kontrakt (render_documents), {count}", ours_s, None,
              f"{count / ours_s:.0f} documents/s on {os.cpu_count()} cores; "
              f"CPU {ours_cpu:.2f} s (with workers)", ratio_to=naive_s)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall time and CPU time (user+sys of this process and its finished children)."""
    def cpu() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    c0, t0 = cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, cpu() - c0


def import_time(table: Table, runs: int) -> None:
    times = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c",
                               "import kis_xl.fronts.excel"],
                              capture_output=True, text=True, check=True)
        for line in proc.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[2].strip() == "kis_xl.fronts.excel":
                times.append(int(parts[1]) / 1e6)
    table.add("import kis_xl.fronts.excel (-X importtime)", statistics.median(times), None,
              "cumulative", ratio_to=0)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skala", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--bez-lo", action="store_true", help="skip the LibreOffice peer")
    parser.add_argument("--bez-docs", action="store_true", help="skip the documents")
    parser.add_argument("--tylko-docs", action="store_true",
                        help="measure only the documents")
    parser.add_argument("--skoroszyt", type=Path, help="an existing big workbook to use")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kis-bench-") as tmp_name:
        tmp = Path(tmp_name)
        original = tmp / "klub_orig.xlsx"
        if args.skoroszyt:
            shutil.copy(args.skoroszyt, original)
        else:
            write_big_club(original, args.skala)
        work = tmp / "klub.xlsx"
        shutil.copy(original, work)
        print(f"{'measure':<38} {'median':>10} {'ratio':>7} {'max RSS':>10}  "
              f"(runs: {args.runs}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f})")
        # An installed package has its modules compiled (pip writes .pyc files); a checkout
        # run with PYTHONDONTWRITEBYTECODE=1 would compile kis_xl again in every process.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kis_xl")],
                       check=True, stdout=subprocess.DEVNULL)
        table = Table()
        if args.tylko_docs:
            documents(table, original, tmp, max(1, min(args.runs, 3)), args.docs)
            print(f"(load average at the end: {os.getloadavg()[0]:.1f})")
            return
        floor_cmd = [sys.executable, "-c", FLOOR, str(original)]
        floor, floor_rss = median_process(floor_cmd, args.runs)
        table.floor = floor
        table.add("floor: calamine reads every sheet", floor, floor_rss, cpu_note(floor_cmd))
        hours_s = actions(table, original, work, args.runs)
        if not args.bez_lo:
            libreoffice(table, original, tmp, max(1, min(args.runs, 3)), hours_s)
        if not args.bez_docs:
            documents(table, original, tmp, max(1, min(args.runs, 3)), args.docs)
        import_time(table, args.runs)
        print(f"(load average at the end: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
