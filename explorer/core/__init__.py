"""The program's core: catalogue, search, eligibility, text and locale helpers. Never imports Qt."""
