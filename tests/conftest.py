"""Hypothesis runs the same examples on every machine unless asked to explore.

CI decides whether a change lands, so a property test must not turn red on a
fresh random draw that has nothing to do with the change under review (the
garbage-workbook fuzz once did: a 10^36-hour plan). The default profile is
therefore derandomised; ``HYPOTHESIS_PROFILE=explore`` draws new examples on
every run, for hunting by hand. Whatever it finds becomes a fixed
regression test.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("kis", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "kis"))
