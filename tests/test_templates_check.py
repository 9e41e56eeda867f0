"""kis-xl templates check: what an edited Word template asks for that will not work."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document

from kis_xl.documents.checker import (
    available_names,
    check_file,
    check_templates,
    polish_syntax,
)
from kis_xl.documents.kinds import BY_KEY, KINDS
from kis_xl.domain.findings import Severity

Run = str | tuple[str, dict[str, bool]]


def template(folder: Path, name: str, *paragraphs: Sequence[Run] | str,
             title: str | None = None) -> Path:
    """A .docx whose paragraphs consist of the given runs (a run may carry bold/italic)."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = Document()
    for para in paragraphs:
        p = doc.add_paragraph()
        for run in [para] if isinstance(para, str) else para:
            text, style = (run, {}) if isinstance(run, str) else run
            r = p.add_run(text)
            r.bold = style.get("bold")
            r.italic = style.get("italic")
    if title is not None:
        doc.core_properties.title = title
    path = folder / name
    doc.save(str(path))
    return path


def codes(path: Path) -> list[str]:
    return [f.code for f in check_file(path).findings]


def test_shipped_templates_are_clean() -> None:
    result = check_templates()
    assert result.ok, [(r.file.name, r.findings) for r in result.reports if not r.ok]
    assert {r.file.name for r in result.reports} == {k.template for k in KINDS}
    assert result.missing == []


def test_available_names_come_from_the_context_builders() -> None:
    names = available_names(BY_KEY["kontrakt"])
    assert {"osoba.nazwisko", "osoba.pesel", "pracownik.telefon", "dzialania[].termin_uczestnika",
            "klub.nazwa", "dzis"} <= set(names)
    assert "spotkanie.data" in available_names(BY_KEY["lista"])
    assert "spotkanie.data" not in names


def test_unknown_name_with_nearest_suggestion(tmp_path: Path) -> None:
    path = template(tmp_path, "kontrakt_socjalny.docx", "Nazwisko: {{ osoba.nazwsko }}",
                    "Imię: {{ osoba.imie }}")
    [finding] = check_file(path).findings
    assert finding.code == "template-unknown-name"
    assert finding.tag == "osoba.nazwsko"
    assert "osoba.nazwisko" in finding.suggestions
    assert finding.paragraph == "Nazwisko: {{ osoba.nazwsko }}"
    assert not finding.fatal


def test_unknown_names_inside_loops_and_top_level(tmp_path: Path) -> None:
    path = template(tmp_path, "kontrakt_socjalny.docx",
                    "{%p for r in dzialania %}", "{{ r.uczestnk }} {{ r.termin_uczestnika }}",
                    "{%p endfor %}", "{{ pracownk.telefon }}", "{% set x = klub %}{{ x.nazwa }}")
    found = {f.tag: f.suggestions for f in check_file(path).findings}
    assert set(found) == {"r.uczestnk", "pracownk"}
    assert "r.uczestnik" in found["r.uczestnk"]
    assert "pracownik" in found["pracownk"]


def test_quiet_on_correct_loops_filters_and_globals(tmp_path: Path) -> None:
    path = template(tmp_path, "zaswiadczenie.docx",
                    "{%p for z in zajecia %}",
                    "{{ loop.index }}. {{ z.nazwa|upper }} {{ z.godziny|liczba }} {{ linia(10) }}",
                    "{%p endfor %}",
                    "{{ osoba|rodzaj('wziął', 'wzięła') }} {{ osoba.data_urodzenia|data_krotka }}",
                    "{% if udzial.ukonczony %}tak{% endif %} {{ rodzaje|length }}")
    assert codes(path) == []


def test_tag_split_by_different_formatting_is_a_warning(tmp_path: Path) -> None:
    path = template(tmp_path, "wniosek_o_przyjecie.docx",
                    ["PESEL: ", "{{ osoba.", ("pesel }}", {"bold": True})])
    [finding] = check_file(path).findings
    assert finding.code == "template-split-tag"
    assert finding.severity is Severity.WARNING
    assert finding.tag == "{{ osoba.pesel }}"


def test_tag_split_into_runs_that_look_the_same_is_quiet(tmp_path: Path) -> None:
    """Word splits runs on every edit (revision ids); docxtpl joins them: nothing to fix."""
    path = template(tmp_path, "wniosek_o_przyjecie.docx", ["{{ osoba.", "pe", "sel }}"])
    assert codes(path) == []


def test_tag_across_paragraphs_is_an_error(tmp_path: Path) -> None:
    path = template(tmp_path, "zgloszenie_do_rejestru.docx", "Nazwa: {{ klub.", "nazwa }} koniec")
    found = check_file(path).findings
    assert [f.code for f in found] == ["template-tag-across-paragraphs"]
    assert found[0].severity is Severity.ERROR
    assert found[0].paragraph == "Nazwa: {{ klub."


def test_syntax_error_names_its_paragraph(tmp_path: Path) -> None:
    path = template(tmp_path, "zgloszenie_do_rejestru.docx", "Początek", "Klub: {{ klub.nazwa }",
                    "Dalej {{ klub.teren }}")
    [finding] = check_file(path).findings
    assert finding.code == "template-syntax-error" and finding.fatal
    assert finding.paragraph == "Klub: {{ klub.nazwa }"
    assert "nieoczekiwany znak „}”" in finding.message


def test_unclosed_block_says_which(tmp_path: Path) -> None:
    path = template(tmp_path, "zaswiadczenie.docx", "{%p for z in zajecia %}", "{{ z.nazwa }}")
    [finding] = check_file(path).findings
    assert finding.code == "template-syntax-error"
    assert "brakuje zamknięcia bloku „for”" in finding.message


def test_unknown_filter_with_suggestion(tmp_path: Path) -> None:
    path = template(tmp_path, "zaswiadczenie.docx", "{{ osoba.data_urodzenia|data_krotko }}")
    [finding] = check_file(path).findings
    assert finding.code == "template-unknown-filter" and finding.fatal
    assert "data_krotka" in finding.suggestions


def test_unsafe_attribute_is_refused(tmp_path: Path) -> None:
    path = template(tmp_path, "zgloszenie_do_rejestru.docx", "{{ ''.__class__ }}",
                    "{{ klub.nazwa.__class__.__mro__ }}")
    found = check_file(path).findings
    assert {f.code for f in found} == {"template-unsafe"}
    assert all(f.fatal for f in found)


def test_literal_brace_fragments_are_warned(tmp_path: Path) -> None:
    path = template(tmp_path, "zgloszenie_do_rejestru.docx", "Nazwa: { { klub.nazwa }}",
                    "Teren: klub.teren }}")
    assert sorted(codes(path)) == ["template-spaced-braces", "template-stray-closing"]


def test_document_properties_are_checked_too(tmp_path: Path) -> None:
    path = template(tmp_path, "zgloszenie_do_rejestru.docx", "{{ klub.nazwa }}",
                    title="Wpis {{ klub.nazwa }")
    [finding] = check_file(path).findings
    assert finding.code == "template-syntax-error"
    assert "właściwościach dokumentu" in finding.message


def test_unknown_file_name_and_unreadable_file(tmp_path: Path) -> None:
    other = template(tmp_path, "umowa.docx", "{{ cokolwiek }}")
    assert codes(other) == ["template-unknown-file"]  # names are not checked for it
    broken = tmp_path / "kontrakt_socjalny.docx"
    broken.write_bytes(b"not a zip")
    assert codes(broken) == ["template-unreadable"]


def test_folder_check_lists_missing_templates(tmp_path: Path) -> None:
    template(tmp_path, "kontrakt_socjalny.docx", "{{ osoba.nazwisko }}")
    (tmp_path / "~$ntrakt_socjalny.docx").write_bytes(b"Word's lock file")
    result = check_templates(tmp_path)
    assert [r.file.name for r in result.reports] == ["kontrakt_socjalny.docx"]
    assert result.ok
    assert "regulamin_kis.docx" in result.missing


@pytest.mark.parametrize(("message", "polish"), [
    ("unexpected '}'", "nieoczekiwany znak „}”"),
    ("Encountered unknown tag 'endif'.", "nieznany lub niesparowany znacznik „endif”"),
    ("expected token 'end of print statement', got 'b'", "nieoczekiwane „b”"),
    ("something new", "błąd składni (something new)"),
])
def test_syntax_messages_in_polish(message: str, polish: str) -> None:
    assert polish in polish_syntax(message)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kis_xl", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_cli_templates_check(tmp_path: Path) -> None:
    shipped = _cli("templates", "check", cwd=tmp_path)
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr
    assert "Wynik: bez problemów." in shipped.stdout
    template(tmp_path / "moje", "kontrakt_socjalny.docx", "Nazwisko: {{ osoba.nazwsko }}")
    broken = _cli("templates", "check", "moje", cwd=tmp_path)
    assert broken.returncode == 1
    assert "akapit „Nazwisko: {{ osoba.nazwsko }}”" in broken.stdout
    assert "osoba.nazwisko" in broken.stdout
    as_json = _cli("templates", "check", "moje", "--json", cwd=tmp_path)
    assert as_json.returncode == 1
    payload = json.loads(as_json.stdout)
    assert payload["templates"][0]["problems"][0]["code"] == "template-unknown-name"
    assert payload["summary"]["errors"] == 1
    nowhere = _cli("templates", "check", "nie-ma", cwd=tmp_path)
    assert nowhere.returncode == 2 and "Nie ma folderu" in nowhere.stderr


def test_readme_lists_every_name_templates_may_use() -> None:
    from kis_xl.documents.checker import tag_reference

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:docs -->")[1].split("<!-- /section:docs -->")[0]
    for kind in (None, *KINDS):
        block = "\n".join(tag_reference(kind))
        assert block in section, f"README's docs section lacks the names of {kind}:\n{block}"


def test_cli_templates_tags(tmp_path: Path) -> None:
    run = _cli("templates", "tags", "lista", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "- `spotkanie`: `id`, `data`" in run.stdout
    assert "kontrakt_socjalny.docx" not in run.stdout


def test_former_template_name_is_checked_as_its_kind_and_asked_to_be_renamed(
        tmp_path: Path) -> None:
    old = template(tmp_path, "wpis_do_rejestru.docx", "{{ klub.wojewoda }} {{ klub.nazwa_x }}")
    found = check_file(old).findings
    assert found[0].code == "template-former-name"
    assert "zgloszenie_do_rejestru.docx" in found[0].message
    assert "template-unknown-file" not in [f.code for f in found]
    assert "template-unknown-name" in [f.code for f in found]  # names checked as the kind's
