"""``python -m tests.bench``: every benchmark in one table (see ``tests/bench/run.py``)."""

from tests.bench.run import main

main()
