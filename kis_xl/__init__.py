"""kis_xl: a Klub Integracji Społecznej kept in one Excel workbook.

The package root stays import-light on purpose: every ribbon click starts a
fresh Python process, so heavy libraries are imported only by the action that
needs them.
"""

__version__ = "0.1.0"
