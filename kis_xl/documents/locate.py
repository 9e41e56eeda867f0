"""Where a document's Word template comes from.

The bundled templates live in the repository's top-level ``templates/``
folder; an installed kis-xl carries the same files as package data in
``kis_xl/templates/`` (pyproject maps the folder into the package). A club
may point the settings sheet ("Folder własnych szablonów dokumentów") at its
own folder: a template found there wins, any other falls back to the
bundled one, file by file, so an office can customise just the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def repo_templates_dir() -> Path:
    """``templates/`` beside the package in a source checkout (where developers build them)."""
    return _PACKAGE.parent / "templates"


def bundled_templates_dir() -> Path:
    """The templates shipped with this installation (package data, else the checkout's)."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    return repo_templates_dir()


def user_templates_dir(setting: str | None, workbook: Path | None) -> Path | None:
    """The club's own folder from the settings sheet; relative paths start at the workbook."""
    if not setting or not setting.strip():
        return None
    folder = Path(setting.strip().strip('"')).expanduser()
    if not folder.is_absolute() and workbook is not None:
        folder = workbook.resolve().parent / folder
    return folder


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    path: Path
    own: bool
    """True when the club's own template is used."""
    note: str | None = None
    """A Polish remark for the user (e.g. the configured folder does not exist)."""


def choose_template(name: str, setting: str | None, workbook: Path | None) -> TemplateChoice:
    bundled = bundled_templates_dir() / name
    folder = user_templates_dir(setting, workbook)
    if folder is None:
        return TemplateChoice(bundled, own=False)
    if not folder.is_dir():
        return TemplateChoice(
            bundled, own=False,
            note=f"Folder szablonów „{folder}” wskazany w arkuszu „Ustawienia” nie istnieje – "
            "użyto szablonu wbudowanego. Popraw ustawienie „Folder własnych szablonów "
            "dokumentów” albo zostaw je puste.",
        )
    own = folder / name
    if own.is_file():
        return TemplateChoice(own, own=True)
    for former in FORMER_NAMES.get(name, ()):
        old = folder / former
        if old.is_file():
            return TemplateChoice(
                old, own=True,
                note=f"Użyto własnego szablonu pod dawną nazwą „{former}”. Zmień nazwę pliku "
                f"na „{name}”.",
            )
    return TemplateChoice(bundled, own=False)


FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "zgloszenie_do_rejestru.docx": ("wpis_do_rejestru.docx",),
}
"""Earlier file names of bundled templates: a club's own copy saved under them still wins."""
