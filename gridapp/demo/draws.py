"""Weighted draws from the demo's seeded Random: each draw takes exactly one ``rng.random()``."""

from __future__ import annotations

import random
from collections.abc import Iterable
from itertools import accumulate


class Weighted:
    """Labels and their weights, accumulated once because the same table is drawn from thousands of times."""

    def __init__(self, pairs: Iterable[tuple[str, float]]) -> None:
        pairs = tuple(pairs)
        self.labels = tuple(label for label, _ in pairs)
        self.cum_weights = list(accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.labels, cum_weights=self.cum_weights)[0]


def count(rng: random.Random, weights: tuple[int, ...]) -> int:
    """0, 1, 2 … drawn with the given weights (of 0, of 1, of 2 …)."""
    return rng.choices(range(len(weights)), weights=weights)[0]
