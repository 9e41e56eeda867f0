"""The gate before anything leaves the office: is there a person in these files?

Every outgoing file is checked as bytes, part by part, before it is written: each XML part
of an .xlsx or .docx (cells, shared strings, document and custom properties, headers and
footers, comments, data-validation lists, defined names, filters, charts and their caches,
pivot caches, external links, relationships with their hyperlink targets), the headers,
text and attachments of an .eml, and plain text files. What is looked for:

- the identities found in the club's workbook: surnames (also "first last"), PESEL numbers,
  birth dates, street addresses, phones and e-mails of participants, volunteers and
  partners' contact persons, compared after folding case, diacritics and spacing;
- anything shaped like a PESEL (11 digits with a valid check digit), an e-mail address or a
  Polish phone number, except the club's and operator's own contact data and registry
  numbers from "Ustawienia" (they belong in a report).

First names alone are not looked for (too common to say anything on their own). A hit
names the file and the sheet and cell, or the part, and what was found, never the value:
the message may itself end up in a log or an e-mail.
"""

from __future__ import annotations

import functools
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kis_xl.domain.model import Club
from kis_xl.domain.text import fold

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_ELEVEN = re.compile(r"(?<!\d)\d{11}(?!\d)")
_PHONE = re.compile(
    r"(?<![\d])(?:(?:\+|00)48[ \-.]?)?(?:\(?\d{2}\)?[ \-.]\d{3}[ \-.]\d{2}[ \-.]\d{2}"
    r"|\d{3}[ \-.]\d{3}[ \-.]\d{3}|\d{9})(?![\d])")
_MOBILE = re.compile(r"^(?:45|5[0-3]|57|6[0-9]|7[2-9]|8[0-8])")
_STREET_PREFIX = {"ul", "al", "os", "pl", "ulica", "aleja", "osiedle", "plac"}
_TAG = re.compile(r"<[^>]*>")
_ATTR = re.compile(r'=\s*"([^"]*)"')
_HEADER_CODE = re.compile(r'&(?:"[^"]*"|\d+|[A-Za-z])')
_SHEET_DATA = re.compile(r"<sheetData\b.*?</sheetData>|<sheetData\s*/>", re.DOTALL)


@dataclass(frozen=True)
class Hit:
    """One identity (or identity-shaped value) in one place of one outgoing file."""

    file: str
    where: str
    what: str

    def message(self) -> str:
        return f"plik „{self.file}”, {self.where}: {self.what}"


@dataclass
class Identities:
    """What identifies the people of one workbook, folded for comparison."""

    names: set[tuple[str, ...]] = field(default_factory=set)
    pesels: set[str] = field(default_factory=set)
    birth_dates: set[date] = field(default_factory=set)
    addresses: set[tuple[str, ...]] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    allowed: set[str] = field(default_factory=set)
    """The club's and operator's own e-mails, phones and registry numbers (digits)."""
    fixed_words: set[str] = field(default_factory=set)
    """Words of the forms themselves (the report template, the workbook's headers and lists):
    a one-word surname that is also such a word ("Wojewoda", "Kierownik") counts only
    together with the first name, or the report could never be sent."""
    allowed_names: set[tuple[str, ...]] = field(default_factory=set)
    """Names and addresses that belong in a report (club, operator, coordinator, staff, the
    club's and operator's addresses): a participant who shares the coordinator's surname or
    lives in the club's building must not stop the report naming them."""

    @functools.cached_property
    def date_texts(self) -> set[str]:
        out = set()
        for d in self.birth_dates:
            out |= {f"{d:%d.%m.%Y}", f"{d.day}.{d:%m.%Y}", f"{d:%Y-%m-%d}", f"{d:%d-%m-%Y}",
                    f"{d:%d/%m/%Y}"}
        return out


def identities(club: Club, fixed_text: str = "") -> Identities:
    """The identities of the participants, volunteers and partners' contact persons;
    ``fixed_text`` is the text of the forms the outgoing files are made from."""
    ids = Identities(fixed_words=set(fold(fixed_text).split()) | _schema_words())
    people: list[tuple[Any, ...]] = [
        (p.first_name, p.last_name, p.pesel, p.birth_date, p.street, p.phone, p.email)
        for p in club.participants]
    people += [(v.first_name, v.last_name, v.pesel, None, v.address, v.phone, None)
               for v in club.volunteers]
    people += [(None, p.contact_person, None, None, None, p.phone, p.email)
               for p in club.partners]
    for person in people:
        _add_person(ids, person)
    s = club.settings
    for value in (s.club_name, s.operator, s.operating_unit, s.coordinator, s.head_of_office,
                  s.club_address, s.operator_address, *(m.name for m in club.staff)):
        tokens = tuple(t for t in fold(value).split() if t not in _STREET_PREFIX)
        if len(tokens) >= 2:
            ids.allowed_names.add(tokens)
    for value in (s.club_email, s.operator_email, s.supervisor_email):
        if value:
            ids.allowed.add(value.strip().lower())
    for value in (s.club_phone, s.operator_phone, s.operator_fax, s.operator_regon,
                  s.operator_krs, s.kis_register_number):
        digits = re.sub(r"\D", "", str(value or ""))
        if len(digits) >= 9:
            ids.allowed.add(digits[-9:])
            ids.allowed.add(digits)
    return ids


def _add_person(ids: Identities, person: tuple[Any, ...]) -> None:
    """(first name, surname, PESEL, birth date, street, phone, e-mail) of one person."""
    first, last, pesel, born, street, phone, email = person
    for name in (last, " ".join(x for x in (first, last) if x)):
        tokens = tuple(fold(name).split())
        if tokens and len("".join(tokens)) >= 3:
            ids.names.add(tokens)
    if pesel and str(pesel).strip():
        ids.pesels.add(digits := re.sub(r"\D", "", str(pesel)))
        if born is None and len(digits) == 11:  # the birth date the PESEL gives away
            from kis_xl.domain.pesel import pesel_birth_date

            try:
                born = pesel_birth_date(digits)
            except ValueError:
                born = None
    if isinstance(born, date):
        ids.birth_dates.add(born if not isinstance(born, datetime) else born.date())
    address = tuple(t for t in fold(street).split() if t not in _STREET_PREFIX)
    if len(address) >= 2:
        ids.addresses.add(address)
    if phone and len(digits := re.sub(r"\D", "", str(phone))) >= 9:
        ids.phones.add(digits[-9:])
    if email and "@" in str(email):
        ids.emails.add(str(email).strip().lower())


def _schema_words() -> set[str]:
    from kis_xl.domain import vocab
    from kis_xl.workbook import schema

    texts = [s.name for s in schema.SHEETS]
    texts += [c.header for s in schema.SHEETS for c in s.columns]
    texts += [s.label for s in schema.SETTINGS]
    texts += [v for voc in vocab.ALL for v in voc.values]
    return set(fold(" ".join(texts)).split())


def _names(text: str, ids: Identities) -> Iterator[str]:
    tokens = _without(fold(text).split(), ids.allowed_names)
    if tokens:
        grams = {tuple(tokens[i:i + n]) for n in range(1, 5) for i in range(len(tokens))}
        grams = {g for g in grams if len(g) > 1 or g[0] not in ids.fixed_words}
        if ids.names & grams:
            yield "nazwisko osoby z arkusza klubu (uczestnik, wolontariusz, osoba kontaktowa)"
        if ids.addresses & grams:
            yield "adres osoby z arkusza klubu"


def scan_text(text: str, ids: Identities) -> Iterator[str]:
    """What identifies a person in ``text`` (Polish descriptions, no values)."""
    if not text or not text.strip():
        return
    yield from _names(text, ids)
    for m in _ELEVEN.finditer(text):
        if m.group() in ids.pesels or _valid_pesel(m.group()):
            yield "numer PESEL"
            break
    else:
        digits_only = re.sub(r"\D", "", text)
        if any(p and p in digits_only for p in ids.pesels if len(p) == 11) and re.search(
                r"\d[\d\s-]{9,}\d", text):
            yield "numer PESEL"
    for m in _EMAIL.finditer(text):
        if m.group().lower() not in ids.allowed:
            yield "adres e-mail"
            break
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())[-9:]
        bare = m.group().isdigit() and len(m.group()) == 9
        if digits in ids.allowed or (bare and not _MOBILE.match(digits)
                                     and digits not in ids.phones):
            continue
        yield "numer telefonu"
        break
    if any(ch.isdigit() for ch in text) and any(d in text for d in ids.date_texts):
        yield "data urodzenia osoby z arkusza klubu"


def _without(tokens: list[str], names: set[tuple[str, ...]]) -> list[str]:
    """``tokens`` with every occurrence of an allowed name blanked out."""
    if not names:
        return tokens
    out = list(tokens)
    present = set(tokens)
    for name in names:
        if name[0] not in present:
            continue
        n = len(name)
        for i in range(len(out) - n + 1):
            if tuple(out[i:i + n]) == name:
                out[i:i + n] = [""] * n
    return out  # blanks never match a name


def scan_value(value: Any, ids: Identities) -> Iterator[str]:
    """A cell value: text as text; a date compared with the birth dates; a number as
    digits (a phone or PESEL typed as a number)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value in ids.birth_dates:
            yield "data urodzenia osoby z arkusza klubu"
        return
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return
        value = str(int(value))
    yield from scan_text(str(value), ids)


def _valid_pesel(digits: str) -> bool:
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 10) % 10
    if check != int(digits[10]):
        return False
    month = int(digits[2:4]) % 20
    day = int(digits[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


# ----------------------------------------------------------------------------- files


def scan_file(name: str, data: bytes, ids: Identities, *,
              passed: frozenset[str] = frozenset()) -> list[Hit]:
    """Every hit in one outgoing file (by its name's extension); ``passed``: SHA-256 of
    files already scanned clean (an e-mail's attachments are those files again)."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm", ".docx")):
        return list(_scan_package(name, data, ids))
    if lower.endswith(".eml"):
        return list(_scan_eml(name, data, ids, passed))
    text = data.decode("utf-8", errors="replace")
    return [Hit(name, "treść", what) for what in dict.fromkeys(scan_text(text, ids))]


def is_encrypted_office(data: bytes) -> bool:
    """An OLE container (what Excel's password encryption produces), not a zip."""
    return data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _scan_package(name: str, data: bytes, ids: Identities) -> Iterator[Hit]:
    if is_encrypted_office(data):
        return
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield from (Hit(name, "treść", w) for w in dict.fromkeys(
            scan_text(data.decode("utf-8", errors="replace"), ids)))
        return
    is_xlsx = any(n.startswith("xl/") for n in z.namelist())
    sheet_names = _sheet_parts(z) if is_xlsx else {}
    if is_xlsx:
        yield from _scan_cells(name, data, ids)
    for part in z.namelist():
        if part.endswith("/"):
            continue
        xml = z.read(part).decode("utf-8", errors="replace")
        if is_xlsx and part == "xl/sharedStrings.xml":
            continue  # the cells, each located, above
        if part in sheet_names:
            xml = _SHEET_DATA.sub(" ", xml)  # cells above; the rest (headers, footers,
        where = _where(part, sheet_names)  # validations, filters, links) here
        for what in dict.fromkeys(_scan_xml(xml, ids, word=part.startswith("word/"))):
            yield Hit(name, where, what)


def _scan_cells(name: str, data: bytes, ids: Identities) -> Iterator[Hit]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    for what in dict.fromkeys(scan_value(value, ids)):
                        yield Hit(name, f"arkusz „{ws.title}”, komórka {cell.coordinate}", what)
    finally:
        wb.close()


def _scan_xml(xml: str, ids: Identities, *, word: bool) -> Iterator[str]:
    """The text of a part (runs of a Word paragraph joined, so a split name is whole) and
    its attribute values (hyperlink targets, validation lists, property values)."""
    if word:
        text = _TAG.sub("", re.sub(r"</w:p>|<w:br/>|<w:tab/>", "\n", xml))
    else:  # header/footer codes (&C, &"Arial,Bold", &12) glue to the text: cut them off
        text = _HEADER_CODE.sub(" ", html.unescape(_TAG.sub(" ", xml)))
    yield from scan_text(html.unescape(text) if word else text, ids)
    attributes = [html.unescape(v) for v in _ATTR.findall(xml)]
    meaningful = [v for v in attributes if not v.isdigit() and not re.fullmatch(
        r"[0-9A-Fa-f]{8}|\{[0-9A-Fa-f-]+\}", v) and not v.startswith("http://schemas")]
    yield from scan_text("\n".join(meaningful), ids)


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path -> sheet name (from the workbook and its relationships)."""
    try:
        book = z.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except KeyError:
        return {}
    targets = {m.group(1): m.group(2) for m in re.finditer(
        r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets |= {m.group(2): m.group(1) for m in re.finditer(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
    out = {}
    for m in re.finditer(r"<sheet\b[^>]*?name=\"([^\"]+)\"[^>]*?r:id=\"([^\"]+)\"", book):
        target = targets.get(m.group(2), "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[path] = html.unescape(m.group(1))
    return out


_PART_NAMES = (
    ("docProps/core", "właściwości dokumentu"), ("docProps/app", "właściwości dokumentu"),
    ("docProps/custom", "właściwości niestandardowe"), ("xl/comments", "komentarze"),
    ("xl/threadedComments", "komentarze"), ("xl/charts/", "wykres"),
    ("xl/pivotCache", "pamięć tabeli przestawnej"), ("xl/externalLinks", "łącze zewnętrzne"),
    ("xl/workbook.xml", "nazwy zdefiniowane skoroszytu"), ("xl/drawings/", "rysunek"),
    ("word/header", "nagłówek dokumentu"), ("word/footer", "stopka dokumentu"),
    ("word/comments", "komentarze"), ("word/document", "treść dokumentu"),
)


def _where(part: str, sheets: dict[str, str]) -> str:
    if part in sheets:
        return (f"arkusz „{sheets[part]}” (nagłówek, stopka, walidacja, filtr lub hiperłącze; "
                f"część {part})")
    for prefix, label in _PART_NAMES:
        if part.startswith(prefix):
            return f"{label} (część {part})"
    return f"część {part}"


def digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _scan_eml(name: str, data: bytes, ids: Identities, passed: frozenset[str]
              ) -> Iterator[Hit]:
    from email import message_from_bytes
    from email.policy import default

    msg = message_from_bytes(data, policy=default)
    headers = "\n".join(f"{k}: {v}" for k, v in msg.items()
                        if k.lower() not in ("message-id", "date"))
    for what in dict.fromkeys(scan_text(headers, ids)):
        yield Hit(name, "nagłówki wiadomości", what)
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if filename and digest(payload) in passed:
            continue
        if filename:
            for hit in scan_file(filename, payload, ids):
                yield Hit(name, f"załącznik „{hit.file}”, {hit.where}", hit.what)
        else:
            text = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
            for what in dict.fromkeys(scan_text(text, ids)):
                yield Hit(name, "treść wiadomości", what)


def scan_files(files: Iterable[tuple[str, bytes]], ids: Identities, *,
               passed: frozenset[str] = frozenset()) -> list[Hit]:
    """Every hit in every file (name, bytes)."""
    return [hit for file, data in files for hit in scan_file(file, data, ids, passed=passed)]
