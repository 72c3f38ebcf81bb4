"""The files ``nitet fmt`` last found in nitet's own layout, by stat key (``.nitet/fmt.cache``).

msgpack ``{"fp": fingerprint, "keys": {relative path: [size, mtime_ns, ctime_ns]}}``. A file whose
key is unchanged since it was found formatted is not read again: a repeated ``nitet fmt --check``
(pre-commit, CI on a runner that keeps ``.nitet/``) stats the files and is done. The fingerprint
covers nitet's version and the code that decides the layout; a file changed less than a second
before the run is not remembered (its key may not change with the next edit). A damaged cache is
ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nitet import __version__
from nitet.core.errors import NitetError

if TYPE_CHECKING:
    from nitet.storage.workspace import Workspace

NAME = "fmt.cache"


def fingerprint() -> str:
    h = hashlib.sha1(__version__.encode())
    top = Path(__file__).parent.parent
    for p in sorted([*top.glob("model/*.py"), *top.glob("storage/*.py"), top / "domain" / "fmt.py",
                     top / "domain" / "fmtfast.py", top / "core" / "controls.py"]):
        with contextlib.suppress(OSError):
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def read(ws: Workspace) -> dict[str, tuple[int, int, int]]:
    import msgpack

    if ws.state_dir_refused():
        return {}
    try:
        doc: Any = msgpack.unpackb((ws.state_dir / NAME).read_bytes(), raw=False, use_list=False)
        if not isinstance(doc, dict) or doc.get("fp") != fingerprint() or not isinstance(doc.get("keys"), dict):
            return {}
        return {str(k): tuple(v) for k, v in doc["keys"].items() if isinstance(v, tuple) and len(v) == 3}
    except Exception:  # missing, corrupt, foreign: nothing is known
        return {}


def write(ws: Workspace, keys: dict[str, tuple[int, int, int]]) -> None:
    import msgpack

    from nitet.storage.atomic import atomic_write_bytes

    try:
        ws.require_state_dir()
        atomic_write_bytes(ws.state_dir / NAME, msgpack.packb({"fp": fingerprint(), "keys": keys}, use_bin_type=True))
    except (OSError, NitetError):
        pass  # a read-only workspace runs without it
