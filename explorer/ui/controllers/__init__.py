"""Controllers: the only part of the interface that talks to explorer.core."""
