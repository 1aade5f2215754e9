"""One helper that turns every ``seed`` argument into a :class:`numpy.random.Generator`."""

from __future__ import annotations

import numbers

import numpy as np

from coercion.errors import InvalidParameterError

__all__ = ["as_generator", "SeedLike"]

SeedLike = int | np.random.Generator | np.random.SeedSequence | None


def as_generator(seed: SeedLike) -> np.random.Generator:
    """Normalise ``seed`` (int, SeedSequence, Generator or None) to a Generator.

    Examples
    --------
    >>> from coercion._random import as_generator
    >>> float(as_generator(0).random()) == float(as_generator(0).random())
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, np.random.SeedSequence):
        return np.random.default_rng(seed)
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        if int(seed) < 0:
            raise InvalidParameterError(f"{seed!r} is negative", field="seed")
        return np.random.default_rng(int(seed))
    raise InvalidParameterError(f"{seed!r} is not an int or Generator", field="seed")
