"""Easy mode views (big type, one thing per screen) — grown by the easy-mode issue."""
