"""Writing an import: all of it or nothing, even when the process is killed.

Every new text is staged in one :class:`nitet.storage.journal.Transaction` (``.nitet/txn-…/``,
same file system), then the journal decides, the files are renamed into ``records/`` and the commit
(``--commit`` / ``autocommit``) is made. A kill before the decision leaves no record changed; a kill
after it is finished — files and commit — by the next nitet command, which says so. New records
are linked in without replacing anything: a record that appeared meanwhile stops the import with
nothing written. The caller holds the workspace lock from loading the records to the commit.

Under ``--commit`` (or ``autocommit``) the records the import found unchanged but git has not
committed — an earlier import without ``--commit``, a commit that failed — go in the same commit:
a run that says "unchanged" never leaves the import's records uncommitted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from nitet.imports.plan import Change
from nitet.storage.journal import Applied, GitIntent, Transaction
from nitet.storage.workspace import Workspace


def apply(ws: Workspace, changes: list[Change], progress: Callable[[int], None] | None = None, *,
          label: str = "nitet import", git: GitIntent | None = None) -> Applied:
    """Write every create/update of ``changes`` together, then commit as ``git`` says."""
    todo = [c for c in changes if c.action in ("create", "update") and c.text is not None]
    left = _left_uncommitted(ws, changes, git)
    if left and git is not None:
        if not todo:
            from nitet.storage.gitops import maybe_commit

            return Applied(committed=maybe_commit(ws, [ws.root / r for r in left], git.message, git.commit,
                                                  evidence=git.also))
        git = replace(git, also=(*git.also, *left))
    tx = Transaction(ws, label, git=git)
    try:
        for c in todo:
            tx.write(c.path, c.text or "", create=c.action == "create")
    except BaseException:
        tx.discard()
        raise
    return tx.apply(progress)


def _left_uncommitted(ws: Workspace, changes: list[Change], git: GitIntent | None) -> list[str]:
    """The records this import found unchanged that git sees as not committed, when it commits."""
    from nitet.storage.gitops import changed_files, is_repo, should_commit

    same = [c.path for c in changes if c.action == "unchanged"]
    if git is None or not same or not should_commit(ws, git.commit) or not is_repo(ws.root):
        return []
    pending = set(changed_files(ws.root, ["records"]) or ())
    return [rel for rel in (ws.rel(p) for p in same) if rel in pending] if pending else []
