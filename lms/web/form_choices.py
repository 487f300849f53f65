"""Select options for WTForms from (value, label) pairs.

WTForms 3.3 deprecates tuple choices and 3.4 drops them; the pairs stay plain data where the rest of the code
reads them (vocabularies, format names), and forms turn them into SelectChoice here.
"""
from __future__ import annotations

from collections.abc import Iterable

from wtforms.fields import SelectChoice


def select_choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]
