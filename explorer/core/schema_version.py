"""The catalogue schema version, apart from the migrations so reading a catalogue stays light."""

#: The schema version a catalogue built by this program has: the number of migrations in schema.py.
SCHEMA_VERSION = 5

#: `PRAGMA application_id` of every catalogue this program builds ("SSEx"): it sits in the file's
#: header, so a catalogue can be recognised as this program's even when its tables cannot be read.
APPLICATION_ID = 0x53534578
