"""CLI commands, one module each, registered by ``kis_xl.cli.main``."""
