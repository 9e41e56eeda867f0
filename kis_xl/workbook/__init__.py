"""The club workbook's format and reading it: schema, dictionaries, cell values, the reader, the
empty template.
"""
