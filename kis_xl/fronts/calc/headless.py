"""Start LibreOffice headless and install the KIS extension into a user profile.

Runs in LibreOffice's Python (where ``uno`` is importable) as a script:
``python3 headless.py install SOFFICE PROFIL PLIK.oxt`` (``kis-xl calc install`` calls it
so); the tests import it by path for ``Office``. It imports nothing of kis_xl,
so it runs whatever LibreOffice's Python has installed.

``unopkg add`` refuses to run as root without ``--shared`` (a CI runner is
root): the extension is added through a headless office's extension manager
instead (``XExtensionManager.addExtension`` for the "user" repository), which
works for root and for a normal user alike. The office must not be running
with the same profile (it would take the request over): the caller checks.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

EXTENSION_ID = "pl.kis.kis-xl"


def _uno() -> Any:
    """``uno``, imported only here: the module must import without it (the tests import
    every module of kis_xl in the project's Python, which has no UNO)."""
    import uno

    return uno


def _quiet() -> Any:
    """A command environment that answers the extension manager's questions (e.g.
    "replace the installed version?") with "yes": without an answer adding fails."""
    import unohelper
    from com.sun.star.task import XInteractionHandler
    from com.sun.star.ucb import XCommandEnvironment, XProgressHandler

    uno = _uno()

    class Approve(unohelper.Base, XInteractionHandler):  # type: ignore[misc]
        def handle(self, request: Any) -> None:
            approve = uno.getTypeByName("com.sun.star.task.XInteractionApprove")
            for choice in request.getContinuations():
                if choice.queryInterface(approve):
                    choice.select()
                    return

    class Quiet(unohelper.Base, XCommandEnvironment, XProgressHandler):  # type: ignore[misc]
        def getInteractionHandler(self) -> Any:
            return Approve()

        def getProgressHandler(self) -> Any:
            return self

        def push(self, status: Any) -> None:
            pass

        def update(self, status: Any) -> None:
            pass

        def pop(self) -> None:
            pass

    return Quiet()


def profile_url(profile: Path) -> str:
    return str(_uno().systemPathToFileUrl(str(profile.resolve())))


class Office:
    """A headless soffice with its own profile, reached over a named pipe."""

    def __init__(self, soffice: str, profile: Path | None, *, timeout: float = 90) -> None:
        self.pipe = f"kis_{os.getpid()}_{int(time.monotonic() * 1000)}"
        args = [soffice]
        if profile is not None:
            args.append(f"-env:UserInstallation={profile_url(profile)}")
        args += ["--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                 "--nolockcheck", f"--accept=pipe,name={self.pipe};urp;"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.context = self._connect(timeout)
        manager = self.context.ServiceManager
        self.desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                         self.context)

    def _connect(self, timeout: float) -> Any:
        local = _uno().getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
            except Exception:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.2)

    def alive(self) -> bool:
        return self.process.poll() is None

    def reconnect(self, timeout: float = 90) -> None:
        """Connect again: a fresh profile makes LibreOffice restart itself once (the
        bridge of the first connection is then disposed)."""
        self.context = self._connect(timeout)
        self.desktop = self.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.context)

    def install(self, oxt: Path) -> None:
        """Add (or replace) the extension in the profile's "user" repository."""
        for attempt in range(3):
            try:
                self._install(oxt)
                return
            except Exception as exc:
                if "DisposedException" not in type(exc).__name__ or attempt == 2:
                    raise
                time.sleep(1)
                self.reconnect()

    def _install(self, oxt: Path) -> None:
        manager = self.context.getValueByName(
            "/singletons/com.sun.star.deployment.ExtensionManager")
        with contextlib.suppress(Exception):  # not installed yet
            manager.removeExtension(EXTENSION_ID, oxt.name, "user", None, _quiet())
        manager.addExtension(_uno().systemPathToFileUrl(str(oxt.resolve())), (), "user", None,
                             _quiet())

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already gone (the bridge drops as it quits)
            self.desktop.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main(argv: list[str]) -> int:
    command, soffice, profile, oxt = argv
    if command != "install":
        raise SystemExit(f"unknown command {command}")
    folder = Path(profile) if profile else None
    office = Office(soffice, folder)
    try:
        office.install(Path(oxt))
    finally:
        office.close()
    # The next start of a profile with a new extension synchronises it and restarts itself,
    # which would drop the first connection of whoever starts it next: do that start here.
    settle = Office(soffice, folder)
    time.sleep(2)
    settle.reconnect()
    settle.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
