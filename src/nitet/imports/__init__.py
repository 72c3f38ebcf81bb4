"""Importing the spreadsheets schools send: read → find the table → map rows → plan → apply.

Modules, in the order data flows through them:

* :mod:`readers` — .xlsx (openpyxl, read-only) and .csv (UTF-8 with/without BOM, cp874) into rows,
  within size limits checked before reading; :mod:`csvrows` — CSV rows, a malformed one rejected alone;
* :mod:`table` — the header row under title rows, merged two-row headers, blank and total rows,
  the columns holding data that feed no field;
* :mod:`headers` — the grammar of a header cell (numbers, qualifiers, alternatives);
* :mod:`columns` — header synonyms (Thai/English) per kind, what each header reads as, ``--map MAP.yaml``;
* :mod:`savedmaps` — column mappings remembered per header layout (``imports/<name>.yaml``);
* :mod:`values` — cell values: Thai digits, thousands separators, codes, dates, invisible spaces;
* :mod:`mapping` — what the mappers share (context, candidates, rejected rows, school lookup);
* :mod:`schools`, :mod:`visits`, :mod:`screening` — one mapper per kind: rows → candidate records;
* :mod:`plan` — creates / updates / unchanged against the workspace, before anything is written;
* :mod:`apply` — all-or-nothing writing through a staging folder;
* :mod:`rejects` and :mod:`template` — the files nitet gives back to schools;
* :mod:`runner` (files → tables → plan); the command line's side is ``nitet.commands.import_run``
  (output, exit code) and ``nitet.commands.import_mapper`` (the questions on a terminal).

User documentation: ``docs/imports.md``.
"""
