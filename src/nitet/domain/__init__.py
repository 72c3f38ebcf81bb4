"""The supervisor's work on top of the records: schools, visits, workflow cases, plans, the
week's to-do list, exports, formatting, new workspaces and the demo data.

Returns values and raises ``nitet.core.errors``; never prints. May import ``core``, ``model``,
``storage`` and ``checks``.
"""
