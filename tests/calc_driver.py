"""Clicks on the KIS toolbar in a headless LibreOffice, for tests/test_calc_front.py.

Run by LibreOffice's Python (``uno`` importable), not by the test's Python:
``python3 tests/calc_driver.py SOFFICE PROFIL ZADANIA.json``. The job lists
workbooks, each with clicks ``[action, command URL, sheet or "", [rows]]``:
the driver opens the workbook, selects the rows (as a user selects cells), dispatches
the toolbar command URL through the frame (``DispatchHelper``: what a click on a
toolbar button does), times the click, and saves the workbook in place (unless
the book says ``"save": false``; ``"save_each": true`` saves after every click, untimed,
as the message box asks the user to, so that the next click's backup copies the file). It
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
from headless import Office


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for key, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name, prop.Value = key, value
        out.append(prop)
    return tuple(out)


def _select(doc: Any, sheet: str, rows: list[int]) -> None:
    """Select cells A:B of ``rows`` of ``sheet`` (Ctrl+click for rows apart)."""
    ws = doc.Sheets.getByName(sheet)
    controller = doc.getCurrentController()
    controller.setActiveSheet(ws)
    ranges = doc.createInstance("com.sun.star.sheet.SheetCellRanges")
    for row in rows:
        ranges.addRangeAddress(ws.getCellRangeByPosition(0, row - 1, 1, row - 1)
                               .getRangeAddress(), True)
    controller.select(ranges if len(rows) > 1 else ws.getCellRangeByPosition(0, rows[0] - 1,
                                                                              1, rows[0] - 1))


def _open(office: Office, url: str) -> Any:
    """Load a workbook in a window (the macro finds the document the desktop shows).

    Soon after a fresh profile's first start a headless office hands back None for a
    visible load (it is still setting the profile up, and may restart itself): try again,
    reconnecting, for up to half a minute."""
    for _ in range(30):
        try:
            doc = office.desktop.loadComponentFromURL(url, "_blank", 0, ())
        except Exception:  # the bridge of an office that restarted itself
            doc = None
        if doc is not None and doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
            return doc
        time.sleep(1)
        office.reconnect()
    raise RuntimeError(f"LibreOffice did not open {url}")


TOOLBAR = "private:resource/toolbar/addon_pl.kis.toolbar"


def _toolbar(office: Office, doc: Any) -> dict[str, Any]:
    """Whether Calc's window has the KIS toolbar, and its buttons' command URLs in order
    (as LibreOffice merged Addons.xcu into its configuration; ordered by node name)."""
    elements = doc.getCurrentController().getFrame().LayoutManager.getElements()
    access = office.context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", office.context
    ).createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationAccess",
        _props(nodepath="/org.openoffice.Office.Addons/AddonUI/OfficeToolBar/pl.kis.toolbar"))
    return {"shown": TOOLBAR in [e.ResourceURL for e in elements],
            "urls": [access.getByName(n).URL for n in sorted(access.getElementNames())]}


def run(office: Office, job: dict[str, Any]) -> dict[str, Any]:
    times: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    toolbar: dict[str, Any] = {}
    for book in job["books"]:
        url = uno.systemPathToFileUrl(book["path"])
        doc = _open(office, url)
        toolbar = toolbar or _toolbar(office, doc)
        helper = office.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", office.context)
        frame = doc.getCurrentController().getFrame()
        for action, command, sheet, rows in book["clicks"]:
            if sheet:
                _select(doc, sheet, rows)
            start = time.perf_counter()
            try:
                helper.executeDispatch(frame, command, "", 0, ())
            except Exception as exc:  # the macro raised (the front should never)
                errors[action] = f"{type(exc).__name__}: {exc}"
            times.setdefault(action, []).append(time.perf_counter() - start)
            if book.get("save_each"):
                doc.store()
        if book.get("save", True):
            doc.store()
        # Documents stay open until the office quits: closing one after clicks crashed the
        # headless office now and then (the results are saved by then).
    return {"times": times, "errors": errors, "toolbar": toolbar}


def main(soffice: str, profile: str, job_file: str) -> int:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    office = Office(soffice, Path(profile))
    try:
        result = run(office, job)
    except Exception:  # a crashed office: the test retries once
        import traceback

        crashed = not office.alive() or "DisposedException" in traceback.format_exc()
        result = {"error": traceback.format_exc(), "crashed": crashed}
    finally:
        office.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
