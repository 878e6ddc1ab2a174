"""A content-addressed parse cache.

Parsing is a pure function of (file bytes, sidecar bytes, parser source). Results are
stored as JSON under a key made from those hashes, so an unchanged file is never parsed
again and a parser change re-parses everything without a manual version bump.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


class ParseCache:
    def __init__(self, root: Path, namespace: str, version: str) -> None:
        self.dir = root / namespace / version
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            with path.open(encoding="utf-8") as fh:
                value = json.load(fh)
        except (FileNotFoundError, json.JSONDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        # Write then rename: a crash mid-write never leaves a truncated entry behind.
        fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False, default=str)
        os.replace(tmp, self._path(key))
