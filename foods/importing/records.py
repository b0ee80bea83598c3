"""The foods and portions that the readers return and saving.py saves (pure: no ORM)."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PortionRecord:
    seq: int
    description: str
    grams: Decimal


@dataclass
class FoodRecord:
    """A food as a reader found it; `source` and `source_id` say where it came from (Food.source)."""

    source: str
    source_id: str
    name: str
    category: str
    fdc_id: int | None
    nutrients: dict[str, Decimal | None]
    portions: list[PortionRecord] = field(default_factory=list)


def portion_description(amount: str, measure: str) -> str:
    """Portion label from an amount and a measure: (".5", "cup") -> "0.5 cup"."""
    return f"{Decimal(amount).normalize():f} {measure}"
