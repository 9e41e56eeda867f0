"""The full workbook encrypted with a password (ECMA-376 agile encryption, AES-256).

Excel opens such a file after asking for the password ("Plik > Informacje >
Chroń skoroszyt > Szyfruj przy użyciu hasła" produces the same kind). The
password is given by the caller (a hidden prompt or a file); this module never
stores, logs or returns it.
"""

from __future__ import annotations

import io
from pathlib import Path

from kis_xl.plan.errors import KisError


def encrypt_bytes(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def encrypt_file(source: Path, target: Path, password: str) -> None:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise KisError(f"Nie można odczytać skoroszytu „{source}”: {exc.strerror}.") from None
    blob = encrypt_bytes(data, password)
    try:
        target.write_bytes(blob)
    except OSError as exc:
        raise KisError(f"Nie można zapisać pliku „{target}”: {exc.strerror}.") from None


def is_encrypted(path: Path) -> bool:
    import msoffcrypto

    with path.open("rb") as f:
        try:
            return bool(msoffcrypto.OfficeFile(f).is_encrypted())
        except Exception:  # not an OLE container: a plain .xlsx (zip) is not encrypted
            return False


def decrypt_bytes(path: Path, password: str) -> bytes:
    import msoffcrypto

    with path.open("rb") as f:
        office = msoffcrypto.OfficeFile(f)
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    return out.getvalue()
