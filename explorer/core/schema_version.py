"""The catalogue schema version, apart from the migrations so reading a catalogue stays light."""

#: The schema version a catalogue built by this program has: the number of migrations in schema.py.
SCHEMA_VERSION = 5
