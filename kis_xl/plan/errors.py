"""Conditions that stop an action as a whole (as opposed to findings about data).

They carry a Polish message for the user and the exit code of the CLI; the
fronts (CLI, ribbon) turn them into a message box or a line on stderr, never a
traceback.
"""

from __future__ import annotations


class KisError(Exception):
    """An expected failure with a message for the office worker."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkbookUnreadable(KisError):
    """The file is missing, not an .xlsx, encrypted or damaged."""


class WorkbookLocked(KisError):
    """Excel (or another program) has the file open; nothing was changed."""


class WorkbookConflict(KisError):
    """Writing would destroy something the user made (their own sheet under a reserved name)."""


class WriteInterrupted(KisError):
    """A write into the workbook open in Excel stopped half-way (some results may be in)."""
