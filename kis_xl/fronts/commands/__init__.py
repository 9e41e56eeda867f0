"""CLI commands written by hand, one module each, and ``action`` (the commands generated
from the action registry); ``kis_xl.fronts.cli.make_app`` registers them."""
