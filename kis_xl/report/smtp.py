"""Optional sending of the report e-mail over SMTP (off by default).

The server settings come from the environment (``KIS_SMTP_HOST``,
``KIS_SMTP_PORT``, ``KIS_SMTP_USER``, ``KIS_SMTP_PASSWORD``, ``KIS_SMTP_TLS`` =
``starttls`` (default) / ``ssl`` / ``none``, ``KIS_SMTP_FROM``) or from an INI
file with a ``[smtp]`` section of the same names in lower case (``host``,
``port``…); never from the workbook. The SMTP password is used for the login
only; nothing here writes it anywhere.
"""

from __future__ import annotations

import configparser
import copy
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from kis_xl.plan.errors import KisError

KEYS = ("host", "port", "user", "password", "tls", "from")


class SmtpError(KisError):
    exit_code = 1


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str | None
    password: str | None
    tls: str
    sender: str | None


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> SmtpConfig:
    env = os.environ if env is None else env
    raw: dict[str, str] = {k: env[f"KIS_SMTP_{k.upper()}"] for k in KEYS
                           if env.get(f"KIS_SMTP_{k.upper()}")}
    if path is not None:
        parser = configparser.ConfigParser(interpolation=None)
        from kis_xl.report.windows_text import read_text

        text = read_text(path, "ustawienia SMTP")
        try:
            parser.read_string(text, source=str(path))
        except configparser.Error as exc:
            raise SmtpError(f"Nie można odczytać ustawień SMTP z „{path}”: {exc}.") from None
        if parser.has_section("smtp"):
            raw.update({k: v for k, v in parser.items("smtp") if k in KEYS and v})
    if not raw.get("host"):
        raise SmtpError("Brak ustawień serwera poczty: podaj KIS_SMTP_HOST (i KIS_SMTP_USER, "
                        "KIS_SMTP_PASSWORD) w zmiennych środowiska albo plik z sekcją [smtp] "
                        "(opcja --smtp-config). Skoroszyt nie przechowuje tych ustawień.")
    tls = raw.get("tls", "starttls").lower()
    if tls not in ("starttls", "ssl", "none"):
        raise SmtpError(f"Nieznany tryb szyfrowania SMTP „{tls}”: podaj starttls, ssl albo none.")
    try:
        port = int(raw.get("port") or (465 if tls == "ssl" else 587))
    except ValueError:
        raise SmtpError(f"Nieprawidłowy port SMTP „{raw.get('port')}”.") from None
    return SmtpConfig(raw["host"], port, raw.get("user"), raw.get("password"), tls,
                      raw.get("from"))


def send(message: EmailMessage, config: SmtpConfig) -> None:
    """Send a copy of the draft (without ``X-Unsent``) through the configured server."""
    msg = copy.deepcopy(message)
    del msg["X-Unsent"]
    if config.sender and "From" not in msg:
        msg["From"] = config.sender
    if "To" not in msg:
        raise SmtpError("Wiadomość nie ma adresata: wpisz „E-mail nadzoru (sprawozdania)” "
                        "w arkuszu „Ustawienia”.")
    context = ssl.create_default_context()
    try:
        if config.tls == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, context=context,
                                                    timeout=60)
        else:
            server = smtplib.SMTP(config.host, config.port, timeout=60)
        with server:
            if config.tls == "starttls":
                server.starttls(context=context)
            if config.user:
                server.login(config.user, config.password or "")
            server.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpError(f"Nie udało się wysłać wiadomości przez {config.host}:{config.port} "
                        f"({type(exc).__name__}). Szkic .eml został zapisany – wyślij go z "
                        "programu pocztowego.") from None
