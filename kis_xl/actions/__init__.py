"""One module per user action; the CLI and the Excel ribbon are thin fronts over them."""
