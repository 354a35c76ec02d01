"""A line's plan history rebuilt from Cfast's list of changes.

Cfast's GET of a service returns every subscription and option the line ever
had, as the platform recorded them: a plan change may leave the old plan open,
an entry may be repeated, a date may be typed wrong. The park needs one
subscription at a time, so the history is rebuilt here:

- an exact repeat of an entry is dropped;
- an entry that ends before it starts is dropped and reported;
- when two plans overlap, the earlier one ends the day before the later one
  starts (two plans starting the same day: the last one listed wins);

each fix is reported in French, so the sync log tells the user what was done.
"""

from dataclasses import dataclass, field, replace
from datetime import timedelta


@dataclass(frozen=True)
class Period:
    label: str
    kind: str  # subscription or option
    start: object  # date
    end: object  # date or None (still running)
    sale_price: float
    buy_price: float
    quantity: int = 1

    def active_on(self, day):
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass
class History:
    subscriptions: list  # Period, by start, never overlapping
    options: list  # Period, by start
    fixes: list = field(default_factory=list)  # French sentences

    def current_subscription(self, day):
        """The plan in force on ``day``; the last one when the line has ended."""
        for period in self.subscriptions:
            if period.active_on(day):
                return period
        started = [p for p in self.subscriptions if p.start <= day]
        return started[-1] if started else None

    def in_force(self, day):
        return [p for p in self.subscriptions + self.options if p.active_on(day)]


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else "—"


def rebuild(entries):
    """``entries``: Cfast ``ArticleEntry`` records of one service."""
    fixes = []
    seen = set()
    periods = []
    for entry in entries:
        kind = "subscription" if entry.article_type == "subscription" else "option"
        period = Period(
            entry.label,
            kind,
            entry.start_date,
            entry.end_date,
            entry.sale_price,
            entry.buy_price,
            entry.quantity,
        )
        if period in seen:
            fixes.append(
                f"« {period.label} » du {_fmt(period.start)} en double : ignoré"
            )
            continue
        seen.add(period)
        if period.end is not None and period.end < period.start:
            fixes.append(
                f"« {period.label} » finit le {_fmt(period.end)} avant de commencer "
                f"le {_fmt(period.start)} : ignoré"
            )
            continue
        periods.append(period)
    options = sorted((p for p in periods if p.kind == "option"), key=lambda p: p.start)
    return History(_without_overlaps(periods, fixes), options, fixes)


def _without_overlaps(periods, fixes):
    # A stable sort by start keeps Cfast's order among plans starting the same day.
    plans = sorted(
        (p for p in periods if p.kind == "subscription"), key=lambda p: p.start
    )
    kept = []
    for plan in plans:
        while kept and kept[-1].start == plan.start:
            dropped = kept.pop()
            fixes.append(
                f"« {dropped.label} » et « {plan.label} » commencent tous deux le "
                f"{_fmt(plan.start)} : « {plan.label} » retenu"
            )
        if kept and (kept[-1].end is None or kept[-1].end >= plan.start):
            previous = kept[-1]
            kept[-1] = replace(previous, end=plan.start - timedelta(days=1))
            fixes.append(
                f"« {previous.label} » clos le {_fmt(kept[-1].end)} "
                f"(remplacé par « {plan.label} » le {_fmt(plan.start)})"
            )
        kept.append(plan)
    return kept
