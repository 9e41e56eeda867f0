"""Writing into a user's .xlsx package without a load/save round trip (see ``file_sink``)."""
