"""Developer tools (not part of the user-facing CLI)."""
