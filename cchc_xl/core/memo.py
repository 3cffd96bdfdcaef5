"""A bounded memo for the pure lookups that repeat by the thousand (unit cells, area headings)."""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """``fn``'s results by argument, forgotten all at once past ``size`` entries.

    Unlike ``functools.lru_cache`` on a bound method it pickles (the registry travels to
    the worker processes on Windows and macOS), and it costs one dict lookup per hit."""

    def __init__(self, fn: Callable[[K], V], size: int):
        self.fn, self.size = fn, size
        self.results: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self.results[key]
        except KeyError:
            if len(self.results) >= self.size:
                self.results.clear()
            value = self.results[key] = self.fn(key)
            return value
