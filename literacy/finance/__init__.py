"""Money maths for the site: pure Python, Decimal money, no Django.

Rates travel as Decimal fractions (Decimal("0.006") is 0.6 %); other apps convert
percents at their edges. Results hold unrounded Decimals; presentation rounds
with :func:`literacy.finance.money.round_money` and
:func:`literacy.finance.money.round_rate_percent`.
"""
