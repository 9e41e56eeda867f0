"""The LibreOffice Calc front: a "KIS" menu and toolbar (a LibreOffice extension, .oxt)."""
