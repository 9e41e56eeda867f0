from __future__ import annotations

from typing import Annotated

import typer

from kis_xl.fronts.cli_run import print_json


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema_cmd(
        as_json: Annotated[
            bool, typer.Option("--json", help="Wypisz opis formatu jako JSON.")
        ] = False,
    ) -> None:
        """Pokaż format skoroszytu: arkusze, kolumny, typy, wartości dozwolone."""
        from kis_xl.workbook import schema

        if as_json:
            print_json(schema.as_json())
            return
        for line in schema_lines():
            typer.echo(line)


_TYPE_LABELS = {
    "text": "tekst", "id": "identyfikator", "ref": "odwołanie", "date": "data",
    "time": "godzina", "number": "liczba", "integer": "liczba całkowita",
    "percent": "procent", "choice": "lista", "pesel": "PESEL (tekst)",
    "phone": "telefon (tekst)", "email": "e-mail",
}


def schema_lines() -> list[str]:
    from kis_xl.domain import vocab
    from kis_xl.workbook import schema

    lines: list[str] = []
    for sheet in schema.SHEETS:
        kind = {"generated": " (generowany)", "lists": " (słowniki)",
                "settings": " (ustawienia)"}.get(str(sheet.kind), "")
        lines.append(f"Arkusz „{sheet.name}”{kind} – {sheet.description}")
        if sheet.kind is schema.SheetKind.SETTINGS:
            for s in schema.SETTINGS:
                req = " (wymagane)" if s.required else ""
                lines.append(f"  • {s.label}: {_TYPE_LABELS[str(s.type)]}{req}")
        elif sheet.kind is schema.SheetKind.LISTS:
            for v in vocab.ALL:
                ext = " (można dopisywać)" if v.extensible else ""
                lines.append(f"  • {v.label}{ext}: " + "; ".join(v.values))
        for c in sheet.columns:
            req = " (wymagana)" if c.required else ""
            gen = " (wypełnia program)" if c.owned else ""
            allowed = f" – lista „{vocab.BY_KEY[c.vocab].label}”" if c.vocab else ""
            lines.append(f"  • {c.header} [{c.key}]: {_TYPE_LABELS[str(c.type)]}{req}{gen}"
                         f"{allowed}")
        lines.append("")
    return lines
