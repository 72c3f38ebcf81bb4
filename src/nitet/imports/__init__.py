"""Importing the spreadsheets schools send: read → find the table → map rows → plan → apply.

Modules, in the order data flows through them:

* :mod:`readers` — .xlsx (openpyxl, read-only) and .csv (UTF-8 with/without BOM, cp874) into rows;
* :mod:`table` — the header row under title rows, merged two-row headers, blank and total rows;
* :mod:`columns` — header synonyms (Thai/English) per kind and ``--map MAP.yaml``;
* :mod:`values` — cell values: Thai digits, thousands separators, codes, dates, invisible spaces;
* :mod:`mapping` — what the mappers share (context, candidates, rejected rows, school lookup);
* :mod:`schools`, :mod:`visits`, :mod:`screening` — one mapper per kind: rows → candidate records;
* :mod:`plan` — creates / updates / unchanged against the workspace, before anything is written;
* :mod:`apply` — all-or-nothing writing through a staging folder;
* :mod:`rejects` and :mod:`template` — the files nitet gives back to schools;
* :mod:`runner` (files → plan) and :mod:`command` (the CLI's output and exit code).

User documentation: ``docs/imports.md``.
"""
