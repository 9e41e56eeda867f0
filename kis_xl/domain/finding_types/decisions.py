"""Findings about the coordinator's decisions and the rule settings (not about a participant).
"""

from __future__ import annotations

from kis_xl.domain.finding_types.rules import rule_type
from kis_xl.domain.findings import Severity

# ------------------------------------------------------------ kis_xl.domain.rules.overrides

DECISION_INCOMPLETE = rule_type(
    "decision-incomplete", Severity.WARNING, "Niepełna decyzja koordynatora",
    "Decyzja dotycząca uczestnika {participant} nie jest uwzględniana, bo brakuje: {missing}. "
    "Uzupełnij ten wiersz – decyzja musi mieć treść, uzasadnienie, autora i datę.",
)
DECISION_UNKNOWN_CODE = rule_type(
    "decision-unknown-code", Severity.WARNING, "Nieznany kod ustalenia w decyzji",
    "Kod „{code}” nie jest kodem żadnego ustalenia, więc decyzja nie jest uwzględniana. "
    "Skopiuj kod z arkusza „Wynik kontroli” albo zostaw komórkę pustą (decyzja obejmie "
    "wszystkie ustalenia uczestnika).",
)
DECISION_UNMATCHED = rule_type(
    "decision-unmatched", Severity.INFO, "Decyzja bez ustaleń do uchylenia",
    "Decyzja z {on} dotyczy {what}, ale takich ustaleń obecnie nie ma (być może dane "
    "poprawiono). Decyzja pozostaje w arkuszu jako ślad; możesz ją usunąć.",
)
DECISION_SUPERSEDED = rule_type(
    "decision-superseded", Severity.INFO, "Decyzja zastąpiona późniejszą",
    "Decyzję z {on} zastąpiła późniejsza decyzja z {later} (wiersz {later_row}); ta nie jest "
    "już uwzględniana.",
)
ADMISSION_REFUSED = rule_type(
    "admission-refused", Severity.INFO, "Koordynator nie dopuścił uczestnika",
    "Koordynator nie dopuścił uczestnika {participant} ({by}, {on}): {justification}",
)

# ------------------------------------------------------------ kis_xl.domain.rules.evaluate

MAX_MONTHS_ABOVE_RULES = rule_type(
    "max-months-above-rules", Severity.WARNING, "Maksymalny okres uczestnictwa ponad regulamin",
    "Ustawienie przewiduje {setting} mies. uczestnictwa, a profil reguł „{profile}” dopuszcza "
    "najwyżej {limit} mies.; kontrola przyjmuje {limit} mies. Popraw ustawienie albo zmień "
    "profil reguł.",
)
