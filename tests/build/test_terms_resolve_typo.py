"""Regression: dropping a misspelt term is an error, not a silent no-op."""

import pytest

from coercion.build.terms import resolve_terms
from coercion.errors import InvalidParameterError


def test_dropping_an_unknown_term_names_it():
    with pytest.raises(InvalidParameterError, match=r"sender\.blowbak"):
        resolve_terms({"sender.blowbak": None})
