"""Who may take part in the club, and whether their admission was done right.

Pure rule logic over ``Club`` records: no files, no clock (``today`` is always
a parameter). Each module checks one area and returns ``Finding``s whose
``basis`` cites the provision of the rule profile the club chose in its
settings (``profiles``). ``evaluate`` runs them all, applies the
coordinator's recorded decisions and derives one status per participant.
"""

from __future__ import annotations

from kis_xl.domain.rules.evaluate import Evaluation, evaluate
from kis_xl.domain.rules.status import ParticipantStatus

__all__ = ["Evaluation", "ParticipantStatus", "evaluate"]
