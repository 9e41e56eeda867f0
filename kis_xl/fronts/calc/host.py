"""What a click on the KIS toolbar in LibreOffice Calc runs: ``click(action, XSCRIPTCONTEXT)``.

The extension's macro (``kis_xl.fronts.calc.build.script_source``) calls
``click`` inside LibreOffice's Python with the script context of the click;
``click`` runs the same ``run_action`` as the Excel ribbon
(``kis_xl.fronts.excel``) with ``UnoHost``: the document as an ``OpenBook``
(``kis_xl.sinks.uno_book.UnoBook``), the selection, a date prompt, a message
box and the documents folder, all through UNO. Results are written into the
open document (after a backup copy in ``.kis-kopie``); the document is not
saved: the message box asks the user to save it.

Headless (a server, the tests) no dialog can be shown: the prompt takes its
default (today) and the message goes only to ``kis-xl.log``, as every message
does; the result sheet is not brought to the front (no screen, and switching
sheets with new charts crashed the headless office now and then).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kis_xl.fronts.excel import TITLE, Outcome, run_action

if TYPE_CHECKING:
    from kis_xl.sinks.open_book import OpenBook

NOT_CALC = "Otwórz skoroszyt klubu w LibreOffice Calc, a potem kliknij przycisk na pasku KIS."


def click(action: str, script_context: Any) -> Outcome:
    """Run ``action`` on the document the click came from; never raises."""
    host = UnoHost(script_context.getDocument(), script_context.getComponentContext())
    return host.run(action)


def _headless() -> bool:
    """LibreOffice runs without a screen (``--headless``): dialogs would return at once."""
    try:
        arguments = Path("/proc/self/cmdline").read_bytes().split(b"\0")
    except OSError:  # not Linux: a desktop
        return False
    return any(a.lstrip(b"-") == b"headless" for a in arguments)


def _supports(obj: Any, service: str) -> bool:
    """The UNO object offers ``service`` (pyuno's hasattr does not see UNO attributes)."""
    try:
        return bool(obj.supportsService(service))
    except Exception:  # None or an object without XServiceInfo
        return False


def _is_calc(doc: Any) -> bool:
    return _supports(doc, "com.sun.star.sheet.SpreadsheetDocument")


def _enum(kind: str, value: str) -> Any:
    import uno

    return uno.Enum(kind, value)


class UnoHost:
    """``Host`` (kis_xl.fronts.excel) over UNO: the Calc document a toolbar click came from."""

    def __init__(self, doc: Any, context: Any, *, headless: bool | None = None) -> None:
        self._doc = doc
        self._context = context
        self._headless = _headless() if headless is None else headless

    def run(self, action: str) -> Outcome:
        """``run_action`` with the document's screen updates held back (much faster)."""
        if not _is_calc(self._doc):
            return run_action(action, self)  # book() says what to do
        self._doc.lockControllers()
        try:
            return run_action(action, self)
        finally:
            self._doc.unlockControllers()

    def book(self) -> OpenBook:
        from kis_xl.plan.errors import KisError
        from kis_xl.sinks.uno_book import UnoBook

        if not _is_calc(self._doc):
            raise KisError(NOT_CALC)
        return UnoBook(self._doc, show=not self._headless)

    def selection(self) -> tuple[str, list[int]]:
        selected = self._doc.getCurrentController().getSelection()
        if _supports(selected, "com.sun.star.sheet.SheetCellRanges"):
            areas = list(selected.getRangeAddresses())
        elif _supports(selected, "com.sun.star.sheet.SheetCellRange"):
            areas = [selected.getRangeAddress()]
        else:  # a picture or a chart is selected
            return "", []
        if not areas:
            return "", []
        sheet = str(self._doc.Sheets.getByIndex(areas[0].Sheet).getName())
        rows = {r + 1 for a in areas if a.Sheet == areas[0].Sheet
                for r in range(a.StartRow, a.EndRow + 1)}
        if len(rows) > 1_000_000:  # whole columns: no row chosen (as in Excel)
            return sheet, []
        return sheet, sorted(rows)

    def ask(self, prompt: str, default: str) -> str | None:
        if self._headless:
            return default
        return _input_box(self._context, self._window(), prompt, default)

    def message(self, text: str, *, error: bool = False) -> None:
        if self._headless:
            return
        window = self._window()
        kind = _enum("com.sun.star.awt.MessageBoxType", "ERRORBOX" if error else "INFOBOX")
        window.getToolkit().createMessageBox(window, kind, 1, TITLE, text).execute()

    def autosave_on(self) -> bool:
        """LibreOffice has no AutoSave into the file itself (its autosave writes recovery
        copies elsewhere): closing without saving still undoes a click."""
        return False

    def confirm(self, text: str) -> bool:
        if self._headless:
            return True
        window = self._window()
        kind = _enum("com.sun.star.awt.MessageBoxType", "QUERYBOX")
        ok_cancel = 2  # com.sun.star.awt.MessageBoxButtons.BUTTONS_OK_CANCEL
        return bool(window.getToolkit().createMessageBox(
            window, kind, ok_cancel, TITLE, text).execute() == 1)  # 1: OK

    def open_folder(self, folder: Path) -> None:
        if self._headless:
            return
        import uno

        shell = self._context.ServiceManager.createInstanceWithContext(
            "com.sun.star.system.SystemShellExecute", self._context)
        shell.execute(uno.systemPathToFileUrl(str(folder)), "", 0)

    def _window(self) -> Any:
        return self._doc.getCurrentController().getFrame().getContainerWindow()


def _input_box(context: Any, parent: Any, prompt: str, default: str) -> str | None:
    """A one-line question with OK and Cancel (Calc has no input box for macros in Python)."""
    manager = context.ServiceManager
    model = manager.createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", context)
    model.Title, model.Width, model.Height = TITLE, 200, 62

    def add(kind: str, name: str, box: tuple[int, int, int, int], **props: Any) -> None:
        control = model.createInstance(f"com.sun.star.awt.UnoControl{kind}Model")
        control.PositionX, control.PositionY, control.Width, control.Height = box
        for key, value in props.items():
            setattr(control, key, value)
        model.insertByName(name, control)

    add("FixedText", "prompt", (6, 6, 188, 12), Label=prompt)
    add("Edit", "answer", (6, 20, 188, 14), Text=default)
    add("Button", "ok", (88, 42, 50, 14), Label="OK", DefaultButton=True,
        PushButtonType=_enum("com.sun.star.awt.PushButtonType", "OK"))
    add("Button", "cancel", (144, 42, 50, 14), Label="Anuluj",
        PushButtonType=_enum("com.sun.star.awt.PushButtonType", "CANCEL"))
    dialog = manager.createInstanceWithContext("com.sun.star.awt.UnoControlDialog", context)
    dialog.setModel(model)
    dialog.createPeer(parent.getToolkit(), parent)
    try:
        if not dialog.execute():
            return None
        return str(dialog.getControl("answer").getText())
    finally:
        dialog.dispose()
