"""Writing an import: all of it or nothing, even when the process is killed.

Every new text is staged in one :class:`nitet.storage.journal.Transaction` (``.nitet/txn-…/``,
same file system), then the journal decides, the files are renamed into ``records/`` and the commit
(``--commit`` / ``autocommit``) is made. A kill before the decision leaves no record changed; a kill
after it is finished — files and commit — by the next nitet command, which says so. New records
are linked in without replacing anything: a record that appeared meanwhile stops the import with
nothing written. The caller holds the workspace lock from loading the records to the commit.
"""

from __future__ import annotations

from collections.abc import Callable

from nitet.imports.plan import Change
from nitet.storage.journal import Applied, GitIntent, Transaction
from nitet.storage.workspace import Workspace


def apply(ws: Workspace, changes: list[Change], progress: Callable[[int], None] | None = None, *,
          label: str = "nitet import", git: GitIntent | None = None) -> Applied:
    """Write every create/update of ``changes`` together, then commit as ``git`` says."""
    todo = [c for c in changes if c.action in ("create", "update") and c.text is not None]
    tx = Transaction(ws, label, git=git)
    try:
        for c in todo:
            tx.write(c.path, c.text or "", create=c.action == "create")
    except BaseException:
        tx.discard()
        raise
    return tx.apply(progress)
