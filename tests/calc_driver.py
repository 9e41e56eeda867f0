"""Clicks on the KIS toolbar in a headless LibreOffice, for tests/test_calc_front.py.

Run by LibreOffice's Python (``uno`` importable), not by the test's Python:
``python3 tests/calc_driver.py SOFFICE PROFIL ZADANIA.json``. The job lists
workbooks, each with clicks ``[action, sheet or "", row or 0]``: the driver
opens the workbook, selects the row (as a user clicks a cell of it), dispatches
the toolbar command URL through the frame (``DispatchHelper``: what a click on a
toolbar button does), times the click, and saves the workbook in place. It
prints one JSON line: the click times, or the error. The office runs with the
profile into which ``kis-xl calc install`` put the extension.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kis_xl" / "fronts" / "calc"))

import uno
from office import Office


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for key, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name, prop.Value = key, value
        out.append(prop)
    return tuple(out)


def run(office: Office, job: dict[str, Any]) -> dict[str, Any]:
    helper = office.context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", office.context)
    times: dict[str, list[float]] = {}
    for book in job["books"]:
        url = uno.systemPathToFileUrl(book["path"])
        doc = office.desktop.loadComponentFromURL(url, "_blank", 0, ())
        try:
            frame = doc.getCurrentController().getFrame()
            for action, command, sheet, row in book["clicks"]:
                if sheet:
                    ws = doc.Sheets.getByName(sheet)
                    doc.getCurrentController().setActiveSheet(ws)
                    doc.getCurrentController().select(ws.getCellByPosition(0, row - 1))
                start = time.perf_counter()
                helper.executeDispatch(frame, command, "", 0, ())
                times.setdefault(action, []).append(time.perf_counter() - start)
            doc.store()
        finally:
            doc.close(True)
    return {"times": times}


def main(soffice: str, profile: str, job_file: str) -> int:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    office = Office(soffice, Path(profile))
    try:
        result = run(office, job)
    except Exception as exc:  # a crashed office: the test retries once
        result = {"error": f"{type(exc).__name__}: {exc}", "crashed": not office.alive()}
    finally:
        office.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
