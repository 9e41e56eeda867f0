"""The schema is the one source of truth: JSON interface, typed records and README agree."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

from kis_xl.domain import vocab
from kis_xl.domain.model import RECORD_TYPES, Settings
from kis_xl.workbook import schema
from kis_xl.workbook.schema import SheetKind


def test_schema_json_shape() -> None:
    out = subprocess.run([sys.executable, "-m", "kis_xl", "schema", "--json"],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["format"] == "kis-xl workbook"
    sheets = {s["key"]: s for s in data["sheets"]}
    assert set(sheets) == {s.key for s in schema.SHEETS}
    pesel = next(c for c in sheets["participants"]["columns"] if c["key"] == "pesel")
    assert pesel == {"key": "pesel", "header": "PESEL", "type": "pesel", "required": False}
    category = next(c for c in sheets["participants"]["columns"] if c["key"] == "category")
    assert category["allowed"] == vocab.CATEGORIES.values and category["extensible"] is True
    assert sheets["settings"]["settings"][0]["key"] == "club_name"
    assert {v["key"] for v in sheets["lists"]["lists"]} == {v.key for v in vocab.ALL}


def test_schema_text_lists_every_sheet_in_polish() -> None:
    out = subprocess.run([sys.executable, "-m", "kis_xl", "schema"],
                         capture_output=True, text=True, check=True).stdout
    for s in schema.SHEETS:
        assert f"Arkusz „{s.name}”" in out


def test_record_fields_are_the_schema_keys() -> None:
    for key, record_type in RECORD_TYPES.items():
        fields = {f.name for f in dataclasses.fields(record_type)} - {"row"}
        columns = {c.key for c in schema.sheet(key).columns if not c.owned and not c.derived}
        assert fields == columns, key
    settings_fields = {f.name for f in dataclasses.fields(Settings)} - {"rows"}
    assert settings_fields == {s.key for s in schema.SETTINGS}


def test_defaults_of_settings_match_the_model() -> None:
    for s in schema.SETTINGS:
        if s.default is not None:
            assert getattr(Settings(), s.key) == s.default, s.key


def test_names_are_valid_for_excel() -> None:
    for s in schema.SHEETS:
        assert len(s.name) <= 31 and not set(s.name) & set("[]:*?/\\")
        if s.kind is SheetKind.DATA:
            headers = [c.header for c in s.columns]
            assert len(headers) == len(set(headers)), s.key
            assert s.table_name.replace("_", "").isalnum()


def test_choice_columns_name_a_vocabulary() -> None:
    for s in schema.SHEETS:
        for c in s.columns:
            assert (c.vocab is not None) == (c.type is schema.ColType.CHOICE), (s.key, c.key)
            if c.vocab:
                assert c.vocab in vocab.BY_KEY


def test_no_header_word_is_wider_than_its_column() -> None:
    """A bold header word longer than the column breaks mid-word ("Zarejestrowan-y od")."""
    for s in schema.SHEETS:
        for c in s.columns:
            longest = max(c.header.split(), key=len)
            assert len(longest) + 2 <= c.width, (s.name, c.header, c.width)


def test_every_number_column_declares_its_range_and_every_period_its_start() -> None:
    """The reader's value rules come from here for every sheet: a new number column says
    what it may hold (at least its sign), a period's end names a date column beside it."""
    for sheet in schema.SHEETS:
        keys = {c.key: c for c in sheet.columns}
        for col in sheet.columns:
            if sheet.kind is SheetKind.DATA and col.type in (schema.ColType.NUMBER,
                                                             schema.ColType.INTEGER):
                assert col.minimum is not None, f"{sheet.key}.{col.key}: no minimum"
            if col.not_before is not None:
                start = keys.get(col.not_before)
                assert start is not None and start.type is col.type is schema.ColType.DATE, (
                    f"{sheet.key}.{col.key}")
    declared = {s.key for s in schema.SHEETS if any(c.not_before for c in s.columns)}
    assert declared == {"groups", "group_members", "enrolments", "staff"}
