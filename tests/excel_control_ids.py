"""The ``imageMso`` names the KIS ribbon may use, each with where it comes from.

An ``imageMso`` that is not a control id of Excel shows no icon (and, with "Show add-in
user interface errors" on, an error when Excel loads the add-in). The authority is
Microsoft's published Excel control-id list (OfficeDev/office-fluent-ui-command-identifiers,
ExcelControls). **That list could not be obtained where this was written** (no internet but
the package registries; no package on PyPI or npm ships it), so no copy is kept here and
the ribbon is restricted to names that can be justified otherwise:

- ``XLWINGS``: used by the ribbons of the pinned xlwings' own Excel add-ins
  (``xlwings/addin/xlwings.xlam``, ``quickstart_addin_ribbon.xlam``), read from the
  installed package by ``test_allowed_names_of_xlwings_are_in_its_ribbons``;
- ``EXCEL_COMMANDS``: Excel's own commands of the Home, Insert, Data, Review and File
  tabs and Backstage (the ids Excel's "Customize the Ribbon" dialog shows as tooltips),
  named from knowledge of that list, **not verified against it here**: the Windows
  checklist in README asks to confirm on a PC that every KIS button shows its icon.

``NOT_EXCEL``: names the audit (issue 18) found outside Excel's list; they must not come
back. When Microsoft's list is at hand, replace this module by a test against it.
"""

from __future__ import annotations

XLWINGS = frozenset({"MacroPlay", "FunctionWizard", "RecurrenceEdit"})

EXCEL_COMMANDS = frozenset({
    "AutoSum",  # Home › Editing › AutoSum
    "DataValidation",  # Data › Data Tools › Data Validation
    "PivotTableInsert",  # Insert › PivotTable
    "TableInsertExcel",  # Insert › Table (Excel's id; "TableInsert" is Word's)
    "SmartArtInsert",  # Insert › SmartArt
    "SignatureLineInsert",  # Insert › Text › Signature Line
    "Spelling",  # Review › Spelling
    "ReviewShareWorkbook",  # Review › Share Workbook (legacy)
    "FileNew", "FilePrint", "FilePrintQuick", "FilePrintPreview", "FileProperties", "FileSave",
    "FileSendAsAttachment",  # File (Backstage) and Quick Access Toolbar commands
})

ALLOWED = XLWINGS | EXCEL_COMMANDS

NOT_EXCEL = frozenset({
    "AcceptInvitation", "NewAppointment",  # Outlook
    "DateAndTimeInsert", "TableInsert", "ShareWorkbook", "SignatureInsert", "HappyFace",
})
