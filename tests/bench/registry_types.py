"""Type names shared by the registry corpus modules."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: A study, or any part of one: a JSON object of the API.
Study = dict[str, Any]
#: A source of floats in [0, 1): a random.Random's random method.
Rand = Callable[[], float]
