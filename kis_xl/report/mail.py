"""The e-mail draft to the supervising office (.eml with ``X-Unsent: 1``).

Outlook and Thunderbird open such a file as a draft the user can still edit and
send; nothing is sent from here. The address comes from "Ustawienia" ("E-mail
nadzoru"). The password of an encrypted workbook is never in the message: the
body reminds that it goes by another channel.
"""

from __future__ import annotations

import mimetypes
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from kis_xl.domain.model import Club

_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def build_message(club: Club, year: int, attachments: list[Path], *,
                  encrypted: bool) -> EmailMessage:
    s = club.settings
    msg = EmailMessage()
    if s.supervisor_email:
        msg["To"] = s.supervisor_email
    sender = s.club_email or s.operator_email
    if sender:
        msg["From"] = sender
    club_name = s.club_name or "Klub Integracji Społecznej"
    msg["Subject"] = f"Sprawozdanie z działalności KIS za rok {year} – {club_name}"
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="kis-xl.local")
    msg["X-Unsent"] = "1"
    lines = [
        "Dzień dobry,",
        "",
        f"w załączeniu przesyłam sprawozdanie z działalności klubu „{club_name}” za rok "
        f"{year} (art. 18a ust. 6 ustawy o zatrudnieniu socjalnym) oraz materiały do wglądu:",
        "",
        *(f"– {p.name}" for p in attachments),
        "",
        "Sprawozdanie zawiera wyłącznie dane zbiorcze. Kopia skoroszytu jest "
        "pseudonimizowana: zamiast nazwisk są identyfikatory uczestników, bez numerów PESEL, "
        "adresów, telefonów i uwag.",
    ]
    if encrypted:
        lines += ["",
                  "Pełny skoroszyt jest zaszyfrowany. Hasło przekażę innym kanałem "
                  "(telefonicznie lub osobiście) – nie wysyłam go e-mailem."]
    lines += ["", "Z poważaniem", s.coordinator or "", s.operator or ""]
    msg.set_content("\n".join(lines).rstrip() + "\n")
    for path in attachments:
        ctype = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        maintype, _, subtype = (ctype or "application/octet-stream").partition("/")
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=path.name)
    return msg


def draft_name(year: int) -> str:
    return f"Sprawozdanie KIS {year} - wiadomość.eml"


def write_draft(club: Club, year: int, attachments: list[Path], folder: Path, *,
                encrypted: bool) -> Path:
    msg = build_message(club, year, attachments, encrypted=encrypted)
    path = folder / draft_name(year)
    path.write_bytes(msg.as_bytes(policy=SMTP))
    return path
