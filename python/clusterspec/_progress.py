"""Progress for long runs: a user's callback, or a one-line text bar."""

from __future__ import annotations

import sys
from typing import Any, Callable, Optional

Callback = Callable[[str, int, int], Any]


class TextBar:
    """Writes ``stage [#####.....] done/total`` on one line of stderr."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stderr

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            filled = int(30 * done / total)
            bar = f" [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        else:
            bar = ""
        self.stream.write(f"\r{stage[:60]:<60}{bar}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def callback(progress: "bool | Callback | None") -> Optional[Callback]:
    """The callable for ``progress``: None/False (nothing), True (a text
    bar on stderr) or the user's ``f(stage, done, total)``."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return TextBar()
    if callable(progress):
        return progress
    raise TypeError("progress: expected True, False, None or a callable f(stage, done, total)")
