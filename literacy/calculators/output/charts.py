"""Geometry for the inline SVG charts: scale figures already computed to pixels.

No maths on money happens here, only placing points in a 640 × 260 box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 284
LEFT, RIGHT, TOP, BOTTOM = 96, 12, 12, 56  # the bottom holds the ticks and the axis caption
BAR_LEFT = 230  # room for the longest bar label at 14 px


@dataclass(frozen=True)
class Series:
    label: str
    points: str  # SVG polyline points


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_label: str
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    width: int = WIDTH
    height: int = HEIGHT
    x_label_x: float = (LEFT + WIDTH - RIGHT) / 2
    x_label_y: int = HEIGHT - 8


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    bar_height: int
    height: int
    plot_left: int = BAR_LEFT
    width: int = WIDTH


def _compact(value: Decimal) -> str:
    return f"¥{value:,.0f}"


def line_chart(
    series: Sequence[tuple[str, Sequence[Decimal]]], *, x_label: str, x_start: int = 0
) -> LineChart:
    """Polylines for each (label, values) series on a shared scale from 0 to the largest value.

    The i-th value of a series sits at x = x_start + i (month or year number).
    """
    longest = max(len(values) for _label, values in series)
    top_value = max((max(values) for _label, values in series if values), default=Decimal(1))
    top_value = top_value if top_value > 0 else Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = max(longest - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + plot_w * i / span, 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_h * float(1 - max(value, Decimal(0)) / top_value), 1)

    lines = tuple(
        Series(label, " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values)))
        for label, values in series
    )
    step = max(1, span // 6)
    x_ticks = tuple(Tick(x(i), str(x_start + i)) for i in range(0, longest, step))
    y_ticks = tuple(Tick(y(top_value * k / 4), _compact(top_value * k / 4)) for k in range(5))
    return LineChart(lines, x_ticks, y_ticks, x_label)


def bar_chart(bars: Sequence[tuple[str, Decimal, str]]) -> BarChart:
    """Horizontal bars for (label, value, value label), scaled to the largest value."""
    top_value = max((value for _l, value, _v in bars), default=Decimal(1))
    top_value = top_value if top_value > 0 else Decimal(1)
    bar_height, gap = 28, 14
    room = WIDTH - BAR_LEFT - 120
    placed = tuple(
        Bar(label, shown, 8 + k * (bar_height + gap), round(room * float(value / top_value), 1))
        for k, (label, value, shown) in enumerate(bars)
    )
    return BarChart(placed, bar_height, 16 + len(bars) * (bar_height + gap))
