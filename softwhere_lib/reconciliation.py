"""Billed against in place: the gaps between the park and a supplier platform.

Lines are matched by number, in its national form on both sides
(``phone.national``: ``33611223344`` is ``0611223344``). A number can be given
again after its line was terminated, so one number may have several lines on
each side: a billed line is matched to the supplier line active on the same
dates (the periods that overlap most; lines whose periods do not overlap are
different lines). Within a line, what is billed and what is in
place are matched by the supplier's article label (the catalogue gives the
supplier label of each billed article), then their purchase prices compared.
Each gap carries its monthly amounts (€ excl. VAT):

``revenue_lost``
    what we should bill and do not (sale price of what is in place unbilled);
``margin_lost``
    what the operator charges beyond the planned purchase price, or charges
    for something we do not bill;
``overbilled``
    what we bill for something not in place (a refund risk with the customer).

Pure Python over plain dataclasses: the Odoo side reads the park and the
supplier snapshot in batches, calls ``reconcile`` and stores the gaps.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

from .phone import national
from .vocabulary import ENDED_LINE_ACTIVITIES

GAP_KINDS = (
    "not_billed",  # in place at the supplier, billed nowhere: revenue lost
    "not_in_place",  # billed, unknown to the supplier
    "plan_different",  # another plan in place than the one billed
    "option_different",  # an option in place not billed, or billed not in place
    "price_above",  # the supplier charges more than the planned purchase price
    "terminated_one_side",  # terminated on one side, active on the other
)
#: Prices within a cent are equal.
PRICE_TOLERANCE = 0.005


@dataclass(frozen=True)
class CatalogueArticle:
    label: str  # our (Cfast) article label
    supplier_label: str
    sale_price: float
    planned_price: float  # planned purchase price


@dataclass(frozen=True)
class BilledItem:
    label: str  # our (Cfast) article label
    kind: str  # subscription or option
    sale_price: float


@dataclass(frozen=True)
class BilledLine:
    number: str  # any usual spelling; gaps give it in national form
    active: bool  # False once terminated on the billing side
    items: tuple  # BilledItem in force
    ref: object = None  # the caller's id of the line (Odoo id, Cfast serviceId)
    start: date = None  # first day billed (None: unknown, since ever)
    end: date = None  # last day billed (None: still billed, or unknown)


@dataclass(frozen=True)
class Gap:
    kind: str
    number: str
    ref: object
    detail: str  # French, for the user
    billed_label: str = ""
    supplier_label: str = ""
    billed_price: float = 0.0  # planned purchase price of what is billed
    supplier_price: float = 0.0  # real purchase price of what is in place
    revenue_lost: float = 0.0
    margin_lost: float = 0.0
    overbilled: float = 0.0

    @property
    def key(self):
        """What makes a gap the same one from one run to the next."""
        return (self.kind, self.number, self.billed_label, self.supplier_label)


def fold(label):
    """Labels compare without case, accents and spacing."""
    text = unicodedata.normalize("NFKD", label or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().upper()


class Reconciler:
    def __init__(self, catalogue_articles):
        self.by_label = {}
        self.by_supplier_label = {}
        for article in catalogue_articles:
            self.by_label[article.label] = article
            self.by_supplier_label.setdefault(fold(article.supplier_label), article)

    def _sale_of_supplier_item(self, product):
        article = self.by_supplier_label.get(fold(product.label))
        return article.sale_price if article else 0.0

    def _supplier_label_of(self, item):
        article = self.by_label.get(item.label)
        return fold(article.supplier_label) if article else None

    def reconcile(self, billed_lines, supplier_lines):
        """Every gap between billed lines and a platform's lines, sorted by number."""
        billed_by_number = _by_national_number(billed_lines)
        supplier_by_number = _by_national_number(supplier_lines)
        gaps = []
        for number, billed_group in billed_by_number.items():
            for billed, line in _pairs(
                billed_group, supplier_by_number.get(number, ())
            ):
                if billed is not None:
                    gaps.extend(self._line_gaps(billed, line))
                elif line.status != "terminated":
                    gaps.append(self._not_billed(line))
        for number, supplier_group in supplier_by_number.items():
            if number not in billed_by_number:
                gaps.extend(
                    self._not_billed(line)
                    for line in supplier_group
                    if line.status != "terminated"
                )
        gaps.sort(
            key=lambda gap: (gap.number, gap.kind, gap.billed_label, gap.supplier_label)
        )
        return gaps

    def _not_billed(self, line):
        products = [line.offer, *line.options] if line.offer else list(line.options)
        offer_label = line.offer.label if line.offer else "?"
        return Gap(
            kind="not_billed",
            number=line.number,
            ref=None,
            detail=f"En place chez l'opérateur ({offer_label}) mais facturé nulle part",
            supplier_label=line.offer.label if line.offer else "",
            supplier_price=line.monthly_price,
            revenue_lost=round(
                sum(self._sale_of_supplier_item(p) for p in products), 2
            ),
            margin_lost=line.monthly_price,
        )

    def _line_gaps(self, billed, line):
        billed_sale = round(sum(item.sale_price for item in billed.items), 2)
        if line is None:
            if not billed.active:
                return []
            return [
                _line_gap(
                    billed,
                    "not_in_place",
                    detail="Facturé mais inconnu de l'opérateur",
                    billed_label=next(
                        (i.label for i in billed.items if i.kind == "subscription"), ""
                    ),
                    overbilled=billed_sale,
                )
            ]
        supplier_active = line.status != "terminated"
        if billed.active != supplier_active:
            if billed.active:
                ended = line.termination_date or "?"
                detail = f"Résiliée chez l'opérateur le {ended}, toujours facturée"
                amounts = {"overbilled": billed_sale}
            else:
                detail = "Résiliée à la facturation, toujours active chez l'opérateur"
                amounts = {"margin_lost": line.monthly_price}
            return [
                _line_gap(
                    billed,
                    "terminated_one_side",
                    detail=detail,
                    supplier_label=line.offer.label if line.offer else "",
                    supplier_price=line.monthly_price,
                    **amounts,
                )
            ]
        if not billed.active:
            return []
        return self._plan_gaps(billed, line) + self._option_gaps(billed, line)

    def _plan_gaps(self, billed, line):
        plan = next((i for i in billed.items if i.kind == "subscription"), None)
        offer = line.offer
        if plan is None and offer is None:
            return []
        planned = self.by_label.get(plan.label) if plan else None
        if (
            plan is None
            or offer is None
            or self._supplier_label_of(plan) != fold(offer.label)
        ):
            in_place_sale = self._sale_of_supplier_item(offer) if offer else 0.0
            billed_sale = plan.sale_price if plan else 0.0
            planned_price = planned.planned_price if planned else 0.0
            supplier_price = offer.monthly_price if offer else 0.0
            return [
                _line_gap(
                    billed,
                    "plan_different",
                    detail=f"Forfait facturé « {plan.label if plan else '—'} », "
                    f"forfait en place « {offer.label if offer else '—'} »",
                    billed_label=plan.label if plan else "",
                    supplier_label=offer.label if offer else "",
                    billed_price=planned_price,
                    supplier_price=supplier_price,
                    revenue_lost=round(max(0.0, in_place_sale - billed_sale), 2),
                    margin_lost=round(max(0.0, supplier_price - planned_price), 2),
                )
            ]
        return self._price_gap(billed, plan, planned, offer)

    def _price_gap(self, billed, item, planned, product):
        if planned and product.monthly_price > planned.planned_price + PRICE_TOLERANCE:
            return [
                _line_gap(
                    billed,
                    "price_above",
                    detail=f"« {product.label} » acheté {product.monthly_price:.2f} € "
                    f"au lieu de {planned.planned_price:.2f} € prévus",
                    billed_label=item.label,
                    supplier_label=product.label,
                    billed_price=planned.planned_price,
                    supplier_price=product.monthly_price,
                    margin_lost=round(product.monthly_price - planned.planned_price, 2),
                )
            ]
        return []

    def _option_gaps(self, billed, line):
        gaps = []
        billed_options = [i for i in billed.items if i.kind == "option"]
        in_place = {}
        for product in line.options:
            in_place.setdefault(fold(product.label), []).append(product)
        for item in billed_options:
            key = self._supplier_label_of(item)
            matches = in_place.get(key)
            if matches:
                product = matches.pop()
                gaps.extend(
                    self._price_gap(
                        billed, item, self.by_label.get(item.label), product
                    )
                )
                continue
            gaps.append(
                _line_gap(
                    billed,
                    "option_different",
                    detail=f"Option facturée « {item.label} » absente chez l'opérateur",
                    billed_label=item.label,
                    overbilled=item.sale_price,
                )
            )
        for products in in_place.values():
            for product in products:
                gaps.append(
                    _line_gap(
                        billed,
                        "option_different",
                        detail=f"Option « {product.label} » en place chez "
                        "l'opérateur, non facturée",
                        supplier_label=product.label,
                        supplier_price=product.monthly_price,
                        revenue_lost=self._sale_of_supplier_item(product),
                        margin_lost=product.monthly_price,
                    )
                )
        return gaps


def _by_national_number(lines):
    """Lines by national number, each with its number in that form."""
    by_number = {}
    for line in lines:
        key = national(line.number)
        if key != line.number:
            line = replace(line, number=key)
        by_number.setdefault(key, []).append(line)
    return by_number


def _overlap(billed, line):
    """Days the two lines' periods share; None when they do not overlap."""
    first = max(billed.start or date.min, line.activation_date or date.min)
    last = min(billed.end or date.max, line.termination_date or date.max)
    return (last - first).days if first <= last else None


def _pairs(billed_lines, supplier_lines):
    """The lines of one number paired billed with supplier, by period.

    One line each side (the usual case) pair when their periods overlap.
    Several (a number reused): the pairs sharing the most days first, a pair
    of the same state (active or terminated) before another. Lines left over
    come alone, ``(billed, None)`` or ``(None, line)``.
    """
    if not billed_lines or not supplier_lines:  # the fast paths, most numbers
        return [(b, None) for b in billed_lines] + [(None, s) for s in supplier_lines]
    if len(billed_lines) == len(supplier_lines) == 1:
        billed, line = billed_lines[0], supplier_lines[0]
        if _overlap(billed, line) is not None:
            return [(billed, line)]
        return [(billed, None), (None, line)]
    candidates = []
    for i, billed in enumerate(billed_lines):
        for j, line in enumerate(supplier_lines):
            days = _overlap(billed, line)
            if days is not None:
                same_state = billed.active == (line.status != "terminated")
                candidates.append((-days, not same_state, i, j))
    candidates.sort()
    paired_billed, paired_supplier, pairs = set(), set(), []
    for _days, _state, i, j in candidates:
        if i not in paired_billed and j not in paired_supplier:
            paired_billed.add(i)
            paired_supplier.add(j)
            pairs.append((billed_lines[i], supplier_lines[j]))
    pairs += [(b, None) for i, b in enumerate(billed_lines) if i not in paired_billed]
    pairs += [
        (None, line)
        for j, line in enumerate(supplier_lines)
        if j not in paired_supplier
    ]
    return pairs


def _line_gap(billed, kind, **values):
    """A gap on a billed line."""
    return Gap(kind=kind, number=billed.number, ref=billed.ref, **values)


def billed_lines_from_cfast(services, on_date):
    """Billed lines from Cfast ``Service`` records, as in force on ``on_date``."""
    lines = []
    for service in services:
        history = service.plan_history()
        active = service.activity not in ENDED_LINE_ACTIVITIES
        if active:
            periods = history.in_force(on_date)
        else:
            current = history.current_subscription(on_date)
            periods = [current] if current else []
        items = tuple(BilledItem(p.label, p.kind, p.sale_price) for p in periods)
        plans = history.subscriptions
        ends = [p.end for p in plans]
        lines.append(
            BilledLine(
                number=service.number,
                active=active,
                items=items,
                ref=service.external_id,
                start=min((p.start for p in plans), default=None),
                end=None if active or None in ends else max(ends, default=None),
            )
        )
    return lines
