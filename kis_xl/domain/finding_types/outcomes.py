"""Findings of counting outcomes (``kis-xl outcomes``).
"""

from __future__ import annotations

from kis_xl.domain.findings import Severity, finding_type

# ------------------------------------------------------------ kis_xl.domain.outcomes

OUTCOME_OUTSIDE_PARTICIPATION = finding_type(
    "outcome-outside-participation", Severity.WARNING, "Rezultat poza okresem uczestnictwa",
    "Rezultat „{type}” z dnia {day} jest poza okresem, w którym liczą się efekty udziału "
    "{participant} ({window}). Nie jest liczony. Sprawdź datę rezultatu albo daty udziału.",
)
OUTCOME_IN_FUTURE = finding_type(
    "outcome-in-future", Severity.INFO, "Rezultat z przyszłą datą",
    "Rezultat „{type}” ma datę {day}, późniejszą niż dzisiejsza ({today}); nie jest jeszcze "
    "liczony.",
)
END_REASON_MISSING = finding_type(
    "end-reason-missing", Severity.WARNING, "Brak powodu zakończenia udziału",
    "Uczestnik {participant} zakończył udział {day}, ale nie podano powodu, więc nie wiadomo, "
    "czy ukończył program, czy go przerwał. Wybierz powód z listy.",
    basis="art. 18a ust. 6 pkt 2 ustawy o zatrudnieniu socjalnym",
)
