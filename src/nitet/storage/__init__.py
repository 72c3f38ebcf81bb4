"""Files ↔ records: the workspace on disk, YAML in and out, loading with a cache, atomic writes,
record paths (ids) and git.

May import ``nitet.core`` and ``nitet.model``; never checks, domain, reports, imports or cli.
"""
