"""Views: layout and styling only; they get their data from controllers."""
