"""The steps of a calculation, as codes with figures, rendered in English or Welsh.

The engine records each step as an `ExplanationStep` (a code and its figures). Nothing is
worded until `render_explanation` is called, so a decision snapshot can hold the steps and be
shown later in either language. Figures are kept exact; money is shown rounded to the penny.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, NamedTuple

__all__ = [
    "LANGUAGES",
    "TEMPLATES",
    "ExplanationStep",
    "format_date",
    "format_money",
    "render_explanation",
    "render_for_reader",
    "render_step",
    "step_from_dict",
    "step_from_trace",
    "trace_from_step",
]

LANGUAGES = ("en", "cy")


class ExplanationStep(NamedTuple):
    """One step: `code` names the template, `params` holds the figures it shows."""

    code: str
    params: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "params": {name: _to_json(name, value) for name, value in self.params.items()},
        }


# The engine records a step as a plain tuple, (code, *figures), because building one is
# far cheaper than building an ExplanationStep; the figures' names come from here.
STEP_PARAMS: dict[str, tuple[str, ...]] = {
    "rates_in_force": ("effective_date",),
    "nil_prescribed": (),
    "gross_income": ("income",),
    "nil_low_income": ("limit",),
    "flat_benefit": ("amount",),
    "flat_low_income": ("lower", "upper", "amount"),
    "flat_shared_care_ignored": (),
    "flat_shared_care_nil": ("nights",),
    "flat_shared_care_nil_parent": ("parent", "nights"),
    "income_capped": ("cap",),
    "reduced_rate": ("lower", "upper"),
    "reduced_rate_amount": (
        "flat",
        "rate",
        "excess",
        "threshold",
        "children",
        "other_children",
        "amount",
    ),
    "other_children_reduction": ("rate", "other_children", "reduced_income"),
    "basic_rate": ("rate", "income", "children", "amount"),
    "basic_plus_tier_one": ("rate", "limit", "children", "amount"),
    "basic_plus_tier_two": ("rate", "excess", "limit", "amount"),
    "basic_plus_total": ("amount",),
    "split_between_children": ("children", "amount"),
    "shared_care_child": ("child", "nights", "fraction"),
    "shared_care_parent_child": ("parent", "child", "nights", "fraction"),
    "equal_care_extra": ("extra",),
    "parent_share_not_below_zero": ("parent", "amount"),
    "shared_care_minimum": ("minimum",),
    "parent_amount": ("parent", "amount"),
    "rounded_to_penny": (),
    "rounding_minimum": ("minimum",),
    "split_to_the_penny": ("amount",),
    "weekly_total": ("amount",),
    "direct_pay": (),
    "no_collection_fees": ("start",),
    "collection_fee_paying": ("rate", "fee", "total"),
    "collection_fee_receiving": ("rate", "fee", "net"),
    # Variations (SI 2012/2677 Part 5), recorded before the rate is chosen.
    "variation_expense": ("ground", "amount"),
    "variation_expense_under_threshold": ("ground", "amount", "threshold"),
    "variation_additional_income": ("ground", "amount"),
    "variation_unearned_under_threshold": ("amount", "threshold"),
    "variation_income_under_threshold": ("amount", "threshold"),
    "variation_income_on_benefit": ("amount",),
    "variation_not_on_benefit": ("ground",),
    "variation_income": ("income",),
    "variation_flat_rate_floor": ("amount",),
}

TraceEntry = tuple[Any, ...]


def step_from_trace(entry: TraceEntry) -> ExplanationStep:
    code = entry[0]
    return ExplanationStep(code, dict(zip(STEP_PARAMS[code], entry[1:], strict=True)))


def trace_from_step(step: ExplanationStep) -> TraceEntry:
    return (step.code, *(step.params[name] for name in STEP_PARAMS[step.code]))


# What each parameter name holds decides how it is shown and stored.
_MONEY = "money"
_RATE = "rate"
_NUMBER = "number"
_CHILDREN = "children"
_OTHER_CHILDREN = "other_children"
_FRACTION = "fraction"
_DATE = "date"
# A variation's ground, worded for the paying parent ("ground") or for a receiving parent
# ("other_ground", which render_for_reader puts in its place).
_GROUND = "ground"
_OTHER_GROUND = "other_ground"

PARAM_KINDS: dict[str, str] = {
    "income": _MONEY,
    "cap": _MONEY,
    "amount": _MONEY,
    "limit": _MONEY,
    "lower": _MONEY,
    "upper": _MONEY,
    "flat": _MONEY,
    "excess": _MONEY,
    "threshold": _MONEY,
    "reduced_income": _MONEY,
    "per_child": _MONEY,
    "fee": _MONEY,
    "total": _MONEY,
    "net": _MONEY,
    "minimum": _MONEY,
    "extra": _MONEY,
    "rate": _RATE,
    "nights": _NUMBER,
    "parent": _NUMBER,
    "child": _NUMBER,
    "parents": _NUMBER,
    "children": _CHILDREN,
    "other_children": _OTHER_CHILDREN,
    "fraction": _FRACTION,
    "effective_date": _DATE,
    "start": _DATE,
    "child_name": "text",
    "parent_name": "text",
    "ground": _GROUND,
    "other_ground": _OTHER_GROUND,
}

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "rates_in_force": "The figures used are those in force on {effective_date}.",
        "nil_prescribed": (
            "You are in a group that pays the nil rate, so no child maintenance is due."
        ),
        "gross_income": "Your gross weekly income is {income}.",
        "nil_low_income": (
            "This is less than {limit}, so the nil rate applies and no child maintenance is due."
        ),
        "flat_benefit": ("You get a benefit that means the flat rate of {amount} a week applies."),
        "flat_low_income": (
            "This is between {lower} and {upper}, so the flat rate of {amount} a week applies."
        ),
        "flat_shared_care_ignored": (
            "Shared care does not change the flat rate when it applies because of low income."
        ),
        "flat_shared_care_nil": (
            "A child stays with you for at least {nights} nights a year, so no child "
            "maintenance is due."
        ),
        "flat_shared_care_nil_parent": (
            "A child of receiving parent {parent} stays with you for at least {nights} nights "
            "a year, so nothing is due to that receiving parent."
        ),
        "income_capped": "Income over {cap} a week is not counted, so {cap} is used.",
        "reduced_rate": ("This is over {lower} and under {upper}, so the reduced rate applies."),
        "reduced_rate_amount": (
            "{flat} plus {rate} of the {excess} over {threshold} (the rate for {children} and "
            "{other_children} living with you): {amount}."
        ),
        "other_children_reduction": (
            "Your income is reduced by {rate} for {other_children} living with you: "
            "{reduced_income}."
        ),
        "basic_rate": ("The basic rate is {rate} of {income} for {children}: {amount} a week."),
        "basic_plus_tier_one": (
            "The basic rate is {rate} of the first {limit} for {children}: {amount}."
        ),
        "basic_plus_tier_two": "Add {rate} of the {excess} over {limit}: {amount}.",
        "basic_plus_total": "Together this is {amount} a week.",
        "split_between_children": (
            "The {amount} is shared equally between {children}: {per_child} for each child."
        ),
        "shared_care_child": (
            "Child {child} stays with you for {nights} nights a year, so that child's share "
            "is reduced by {fraction}."
        ),
        "shared_care_parent_child": (
            "Child {child} of receiving parent {parent} stays with you for {nights} nights a "
            "year, so that child's share is reduced by {fraction}."
        ),
        "equal_care_extra": (
            "Because care of that child is shared equally, a further {extra} a week is taken off."
        ),
        "parent_share_not_below_zero": (
            "The amount for receiving parent {parent} cannot go below {amount}."
        ),
        "shared_care_minimum": (
            "Shared care cannot bring the total below {minimum} a week, so {minimum} a week is due."
        ),
        "parent_amount": "Amount for receiving parent {parent}: {amount} a week.",
        "rounded_to_penny": "Each amount is rounded to the nearest penny.",
        "rounding_minimum": (
            "Rounding cannot bring the total below {minimum} a week, so the pennies lost in "
            "rounding are added back."
        ),
        "split_to_the_penny": (
            "The shares are worked out to the penny so that they add up to exactly {amount}."
        ),
        "weekly_total": "Total child maintenance: {amount} a week.",
        "direct_pay": "With Direct Pay there are no collection fees.",
        "no_collection_fees": "Collection fees did not apply before {start}.",
        "collection_fee_paying": (
            "With Collect and Pay you also pay a {rate} collection fee of {fee} a week, so you "
            "pay {total} a week in total."
        ),
        "collection_fee_receiving": (
            "A {rate} collection fee of {fee} a week is taken from the money passed on, "
            "leaving {net} a week."
        ),
        "variation_expense": "We took {amount} a week off your income for {ground}.",
        "variation_expense_under_threshold": (
            "We did not take off {amount} a week for {ground}, because costs of {threshold} "
            "a week or less are not counted."
        ),
        "variation_additional_income": (
            "We added {amount} a week to your income to take account of {ground}."
        ),
        "variation_unearned_under_threshold": (
            "We did not add unearned income of {amount} a week, because unearned income "
            "under {threshold} a year is not counted."
        ),
        "variation_income_under_threshold": (
            "We did not add income of {amount} a week that you have while on the flat or nil "
            "rate, because income under {threshold} a week is not counted."
        ),
        "variation_income_on_benefit": (
            "You have income of {amount} a week that was not counted because of your benefit "
            "or circumstances, so we worked out child maintenance on that income."
        ),
        "variation_not_on_benefit": (
            "While your benefit or circumstances set your rate, a variation for {ground} does "
            "not change it."
        ),
        "variation_income": "After these changes, your gross weekly income is {income}.",
        "variation_flat_rate_floor": (
            "A variation cannot bring child maintenance below the flat rate, so the flat rate "
            "of {amount} a week applies."
        ),
    },
    "cy": {
        "rates_in_force": (
            "Mae'r cyfrifiad yn defnyddio'r ffigurau sydd mewn grym ar {effective_date}."
        ),
        "nil_prescribed": (
            "Rydych mewn grŵp sy'n talu'r gyfradd ddim, felly nid oes cynhaliaeth plant i'w thalu."
        ),
        "gross_income": "Eich incwm wythnosol gros yw {income}.",
        "nil_low_income": (
            "Mae hyn yn llai na {limit}, felly mae'r gyfradd ddim yn berthnasol ac nid oes "
            "cynhaliaeth plant i'w thalu."
        ),
        "flat_benefit": (
            "Rydych yn cael budd-dal sy'n golygu bod y gyfradd unradd o {amount} yr wythnos yn "
            "berthnasol."
        ),
        "flat_low_income": (
            "Mae hyn rhwng {lower} a {upper}, felly mae'r gyfradd unradd o {amount} yr wythnos "
            "yn berthnasol."
        ),
        "flat_shared_care_ignored": (
            "Nid yw gofal a rennir yn newid y gyfradd unradd pan fydd yn berthnasol oherwydd "
            "incwm isel."
        ),
        "flat_shared_care_nil": (
            "Mae plentyn yn aros gyda chi am o leiaf {nights} noson y flwyddyn, felly nid oes "
            "cynhaliaeth plant i'w thalu."
        ),
        "flat_shared_care_nil_parent": (
            "Mae un o blant rhiant sy'n derbyn {parent} yn aros gyda chi am o leiaf {nights} "
            "noson y flwyddyn, felly nid oes dim i'w dalu i'r rhiant hwnnw."
        ),
        "income_capped": (
            "Nid yw incwm dros {cap} yr wythnos yn cael ei gyfrif, felly defnyddir {cap}."
        ),
        "reduced_rate": (
            "Mae hyn dros {lower} ac o dan {upper}, felly mae'r gyfradd ostyngol yn berthnasol."
        ),
        "reduced_rate_amount": (
            "{flat}, gan ychwanegu {rate} o'r {excess} dros {threshold} (y gyfradd ar gyfer "
            "{children} pan fo {other_children} yn byw gyda chi): {amount}."
        ),
        "other_children_reduction": (
            "Mae eich incwm yn cael ei ostwng o {rate} ar gyfer {other_children} sy'n byw gyda "
            "chi: {reduced_income}."
        ),
        "basic_rate": (
            "Y gyfradd sylfaenol yw {rate} o {income} ar gyfer {children}: {amount} yr wythnos."
        ),
        "basic_plus_tier_one": (
            "Y gyfradd sylfaenol yw {rate} o'r {limit} cyntaf ar gyfer {children}: {amount}."
        ),
        "basic_plus_tier_two": "Ychwanegwch {rate} o'r {excess} dros {limit}: {amount}.",
        "basic_plus_total": "Gyda'i gilydd, mae hyn yn dod i {amount} yr wythnos.",
        "split_between_children": (
            "Mae'r {amount} yn cael ei rannu'n gyfartal rhwng {children}: {per_child} i bob "
            "plentyn."
        ),
        "shared_care_child": (
            "Mae plentyn {child} yn aros gyda chi am {nights} noson y flwyddyn, felly mae "
            "cyfran y plentyn hwnnw'n cael ei gostwng o {fraction}."
        ),
        "shared_care_parent_child": (
            "Mae plentyn {child} (rhiant sy'n derbyn {parent}) yn aros gyda chi am {nights} noson "
            "y flwyddyn, felly mae cyfran y plentyn hwnnw'n cael ei gostwng o {fraction}."
        ),
        "equal_care_extra": (
            "Gan fod gofal y plentyn hwnnw'n cael ei rannu'n gyfartal, mae {extra} arall yr "
            "wythnos yn cael ei dynnu."
        ),
        "parent_share_not_below_zero": (
            "Ni all y swm ar gyfer rhiant sy'n derbyn {parent} fod yn llai na {amount}."
        ),
        "shared_care_minimum": (
            "Ni all gofal a rennir ostwng y cyfanswm i lai na {minimum} yr wythnos, felly mae "
            "{minimum} yr wythnos i'w dalu."
        ),
        "parent_amount": "Swm ar gyfer rhiant sy'n derbyn {parent}: {amount} yr wythnos.",
        "rounded_to_penny": "Mae pob swm wedi'i dalgrynnu i'r geiniog agosaf.",
        "rounding_minimum": (
            "Ni all talgrynnu ostwng y cyfanswm i lai na {minimum} yr wythnos, felly mae'r "
            "ceiniogau a gollwyd wrth dalgrynnu yn cael eu hychwanegu'n ôl."
        ),
        "split_to_the_penny": (
            "Mae'r cyfrannau wedi'u cyfrifo i'r geiniog fel eu bod yn dod i {amount} yn union."
        ),
        "weekly_total": "Cyfanswm y gynhaliaeth plant: {amount} yr wythnos.",
        "direct_pay": "Gyda Thalu Uniongyrchol nid oes ffioedd casglu.",
        "no_collection_fees": "Nid oedd ffioedd casglu yn berthnasol cyn {start}.",
        "collection_fee_paying": (
            "Gyda Chasglu a Thalu rydych hefyd yn talu ffi gasglu o {rate}, sef {fee} yr "
            "wythnos, felly rydych yn talu {total} yr wythnos i gyd."
        ),
        "collection_fee_receiving": (
            "Mae ffi gasglu o {rate}, sef {fee} yr wythnos, yn cael ei thynnu o'r arian sy'n "
            "cael ei drosglwyddo, gan adael {net} yr wythnos."
        ),
        "variation_expense": (
            "Gwnaethom dynnu {amount} yr wythnos oddi ar eich incwm ar gyfer {ground}."
        ),
        "variation_expense_under_threshold": (
            "Ni wnaethom dynnu {amount} yr wythnos ar gyfer {ground}, oherwydd nid yw costau "
            "o {threshold} yr wythnos neu lai yn cael eu cyfrif."
        ),
        "variation_additional_income": (
            "Gwnaethom ychwanegu {amount} yr wythnos at eich incwm i ystyried {ground}."
        ),
        "variation_unearned_under_threshold": (
            "Ni wnaethom ychwanegu incwm heb ei ennill o {amount} yr wythnos, oherwydd nid yw "
            "incwm heb ei ennill o dan {threshold} y flwyddyn yn cael ei gyfrif."
        ),
        "variation_income_under_threshold": (
            "Ni wnaethom ychwanegu incwm o {amount} yr wythnos sydd gennych tra byddwch ar y "
            "gyfradd unradd neu'r gyfradd ddim, oherwydd nid yw incwm o dan {threshold} yr "
            "wythnos yn cael ei gyfrif."
        ),
        "variation_income_on_benefit": (
            "Mae gennych incwm o {amount} yr wythnos na chafodd ei gyfrif oherwydd eich "
            "budd-dal neu eich amgylchiadau, felly gwnaethom gyfrifo cynhaliaeth plant ar yr "
            "incwm hwnnw."
        ),
        "variation_not_on_benefit": (
            "Tra bo eich budd-dal neu eich amgylchiadau yn pennu eich cyfradd, nid yw "
            "amrywiad ar gyfer {ground} yn ei newid."
        ),
        "variation_income": "Ar ôl y newidiadau hyn, eich incwm wythnosol gros yw {income}.",
        "variation_flat_rate_floor": (
            "Ni all amrywiad ostwng cynhaliaeth plant i lai na'r gyfradd unradd, felly mae'r "
            "gyfradd unradd o {amount} yr wythnos yn berthnasol."
        ),
    },
}

# A case decision names the people in it. With names known, these replace the numbered
# wording ("child 1", "receiving parent 2") for the paying parent.
NAMED_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "flat_shared_care_nil_parent": (
            "A child of {parent_name} stays with you for at least {nights} nights a year, so "
            "nothing is due to {parent_name}."
        ),
        "shared_care_child": (
            "{child_name} stays with you for {nights} nights a year, so {child_name}'s share "
            "is reduced by {fraction}."
        ),
        "shared_care_parent_child": (
            "{child_name} stays with you for {nights} nights a year, so {child_name}'s share "
            "is reduced by {fraction}."
        ),
        "parent_share_not_below_zero": "The amount for {parent_name} cannot go below {amount}.",
        "parent_amount": "Amount for {parent_name}: {amount} a week.",
    },
    "cy": {
        "flat_shared_care_nil_parent": (
            "Mae un o blant {parent_name} yn aros gyda chi am o leiaf {nights} noson y "
            "flwyddyn, felly nid oes dim i'w dalu i {parent_name}."
        ),
        "shared_care_child": (
            "Mae {child_name} yn aros gyda chi am {nights} noson y flwyddyn, felly mae cyfran "
            "{child_name} yn cael ei gostwng o {fraction}."
        ),
        "shared_care_parent_child": (
            "Mae {child_name} yn aros gyda chi am {nights} noson y flwyddyn, felly mae cyfran "
            "{child_name} yn cael ei gostwng o {fraction}."
        ),
        "parent_share_not_below_zero": (
            "Ni all y swm ar gyfer {parent_name} fod yn llai na {amount}."
        ),
        "parent_amount": "Swm ar gyfer {parent_name}: {amount} yr wythnos.",
    },
}

# The same steps told to a receiving parent: "you" is the reader, the paying parent is
# named by role. Steps not listed read the same for everyone.
RECEIVING_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "nil_prescribed": (
            "The paying parent is in a group that pays the nil rate, so no child maintenance "
            "is due."
        ),
        "gross_income": "The paying parent's gross weekly income is {income}.",
        "flat_benefit": (
            "The paying parent gets a benefit that means the flat rate of {amount} a week applies."
        ),
        "flat_shared_care_nil": (
            "A child stays with the paying parent for at least {nights} nights a year, so no "
            "child maintenance is due."
        ),
        "flat_shared_care_nil_parent": (
            "One of your children stays with the paying parent for at least {nights} nights a "
            "year, so nothing is due to you."
        ),
        "reduced_rate_amount": (
            "{flat} plus {rate} of the {excess} over {threshold} (the rate for {children} and "
            "{other_children} living with the paying parent): {amount}."
        ),
        "other_children_reduction": (
            "The paying parent's income is reduced by {rate} for {other_children} living with "
            "them: {reduced_income}."
        ),
        "shared_care_child": (
            "{child_name} stays with the paying parent for {nights} nights a year, so "
            "{child_name}'s share is reduced by {fraction}."
        ),
        "shared_care_parent_child": (
            "{child_name} stays with the paying parent for {nights} nights a year, so "
            "{child_name}'s share is reduced by {fraction}."
        ),
        "parent_share_not_below_zero": "The amount for you cannot go below {amount}.",
        "parent_amount": "Your amount: {amount} a week.",
        "collection_fee_receiving": (
            "A {rate} collection fee of {fee} a week is taken from the money passed on to you, "
            "leaving {net} a week."
        ),
        "variation_expense": (
            "We took {amount} a week off the paying parent's income for {other_ground}."
        ),
        "variation_expense_under_threshold": (
            "We did not take off {amount} a week for {other_ground}, because costs of "
            "{threshold} a week or less are not counted."
        ),
        "variation_additional_income": (
            "We added {amount} a week to the paying parent's income to take account of "
            "{other_ground}."
        ),
        "variation_unearned_under_threshold": (
            "We did not add the paying parent's unearned income of {amount} a week, because "
            "unearned income under {threshold} a year is not counted."
        ),
        "variation_income_under_threshold": (
            "We did not add income of {amount} a week that the paying parent has while on the "
            "flat or nil rate, because income under {threshold} a week is not counted."
        ),
        "variation_income_on_benefit": (
            "The paying parent has income of {amount} a week that was not counted because of "
            "their benefit or circumstances, so we worked out child maintenance on that income."
        ),
        "variation_not_on_benefit": (
            "While the paying parent's benefit or circumstances set their rate, a variation "
            "for {other_ground} does not change it."
        ),
        "variation_income": (
            "After these changes, the paying parent's gross weekly income is {income}."
        ),
    },
    "cy": {
        "nil_prescribed": (
            "Mae'r rhiant sy'n talu mewn grŵp sy'n talu'r gyfradd ddim, felly nid oes "
            "cynhaliaeth plant i'w thalu."
        ),
        "gross_income": "Incwm wythnosol gros y rhiant sy'n talu yw {income}.",
        "flat_benefit": (
            "Mae'r rhiant sy'n talu yn cael budd-dal sy'n golygu bod y gyfradd unradd o "
            "{amount} yr wythnos yn berthnasol."
        ),
        "flat_shared_care_nil": (
            "Mae plentyn yn aros gyda'r rhiant sy'n talu am o leiaf {nights} noson y flwyddyn, "
            "felly nid oes cynhaliaeth plant i'w thalu."
        ),
        "flat_shared_care_nil_parent": (
            "Mae un o'ch plant yn aros gyda'r rhiant sy'n talu am o leiaf {nights} noson y "
            "flwyddyn, felly nid oes dim i'w dalu i chi."
        ),
        "reduced_rate_amount": (
            "{flat}, gan ychwanegu {rate} o'r {excess} dros {threshold} (y gyfradd ar gyfer "
            "{children} pan fo {other_children} yn byw gyda'r rhiant sy'n talu): {amount}."
        ),
        "other_children_reduction": (
            "Mae incwm y rhiant sy'n talu yn cael ei ostwng o {rate} ar gyfer "
            "{other_children} sy'n byw gydag ef neu hi: {reduced_income}."
        ),
        "shared_care_child": (
            "Mae {child_name} yn aros gyda'r rhiant sy'n talu am {nights} noson y flwyddyn, "
            "felly mae cyfran {child_name} yn cael ei gostwng o {fraction}."
        ),
        "shared_care_parent_child": (
            "Mae {child_name} yn aros gyda'r rhiant sy'n talu am {nights} noson y flwyddyn, "
            "felly mae cyfran {child_name} yn cael ei gostwng o {fraction}."
        ),
        "parent_share_not_below_zero": "Ni all y swm i chi fod yn llai na {amount}.",
        "parent_amount": "Eich swm chi: {amount} yr wythnos.",
        "collection_fee_receiving": (
            "Mae ffi gasglu o {rate}, sef {fee} yr wythnos, yn cael ei thynnu o'r arian sy'n "
            "cael ei drosglwyddo i chi, gan adael {net} yr wythnos."
        ),
        "variation_expense": (
            "Gwnaethom dynnu {amount} yr wythnos oddi ar incwm y rhiant sy'n talu ar gyfer "
            "{other_ground}."
        ),
        "variation_expense_under_threshold": (
            "Ni wnaethom dynnu {amount} yr wythnos ar gyfer {other_ground}, oherwydd nid yw "
            "costau o {threshold} yr wythnos neu lai yn cael eu cyfrif."
        ),
        "variation_additional_income": (
            "Gwnaethom ychwanegu {amount} yr wythnos at incwm y rhiant sy'n talu i ystyried "
            "{other_ground}."
        ),
        "variation_unearned_under_threshold": (
            "Ni wnaethom ychwanegu incwm heb ei ennill y rhiant sy'n talu, sef {amount} yr "
            "wythnos, oherwydd nid yw incwm heb ei ennill o dan {threshold} y flwyddyn yn cael "
            "ei gyfrif."
        ),
        "variation_income_under_threshold": (
            "Ni wnaethom ychwanegu incwm o {amount} yr wythnos sydd gan y rhiant sy'n talu tra "
            "bydd ar y gyfradd unradd neu'r gyfradd ddim, oherwydd nid yw incwm o dan "
            "{threshold} yr wythnos yn cael ei gyfrif."
        ),
        "variation_income_on_benefit": (
            "Mae gan y rhiant sy'n talu incwm o {amount} yr wythnos na chafodd ei gyfrif "
            "oherwydd budd-dal neu amgylchiadau, felly gwnaethom gyfrifo cynhaliaeth plant ar yr "
            "incwm hwnnw."
        ),
        "variation_not_on_benefit": (
            "Tra bo budd-dal neu amgylchiadau yn pennu cyfradd y rhiant sy'n talu, nid yw "
            "amrywiad ar gyfer {other_ground} yn ei newid."
        ),
        "variation_income": (
            "Ar ôl y newidiadau hyn, incwm wythnosol gros y rhiant sy'n talu yw {income}."
        ),
    },
}

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "cy": (
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ),
}

# Welsh forms follow "o" ("reduced by"), so they carry its soft mutation (dwy -> ddwy).
_FRACTION_WORDS = {
    "en": {
        Fraction(1, 7): "one seventh",
        Fraction(2, 7): "two sevenths",
        Fraction(3, 7): "three sevenths",
        Fraction(1, 2): "one half",
    },
    "cy": {
        Fraction(1, 7): "un rhan o saith",
        Fraction(2, 7): "ddwy ran o saith",
        Fraction(3, 7): "dair rhan o saith",
        Fraction(1, 2): "hanner",
    },
}

_PENNY = Decimal("0.01")

# A variation's ground as the reader knows it: (paying parent's words, receiving parent's).
# Each follows "for" or "to take account of" in the templates above.
_GROUND_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "contact_costs": (
            "the costs of keeping in contact with your children",
            "the costs of keeping in contact with the children",
        ),
        "relevant_other_child_illness": (
            "the costs of the long-term illness or disability of a child who lives with you",
            "the costs of the long-term illness or disability of a child who lives with the "
            "paying parent",
        ),
        "prior_debts": (
            "debts from when you and the other parent were together",
            "debts from when you and the paying parent were together",
        ),
        "boarding_school_fees": ("boarding school fees", "boarding school fees"),
        "former_family_home": (
            "the mortgage, loan or insurance on your former family home",
            "the mortgage, loan or insurance on the former family home",
        ),
        "unearned_income": (
            "your unearned income (such as rent, interest or dividends)",
            "the paying parent's unearned income (such as rent, interest or dividends)",
        ),
        "income_while_on_benefit": (
            "income you have while on the flat or nil rate",
            "income the paying parent has while on the flat or nil rate",
        ),
        "diversion_of_income": (
            "income you have arranged to be paid to someone else",
            "income the paying parent has arranged to be paid to someone else",
        ),
    },
    "cy": {
        "contact_costs": (
            "costau cadw mewn cysylltiad â'ch plant",
            "costau cadw mewn cysylltiad â'r plant",
        ),
        "relevant_other_child_illness": (
            "costau salwch hirdymor neu anabledd plentyn sy'n byw gyda chi",
            "costau salwch hirdymor neu anabledd plentyn sy'n byw gyda'r rhiant sy'n talu",
        ),
        "prior_debts": (
            "dyledion o'r adeg pan oeddech chi a'r rhiant arall gyda'ch gilydd",
            "dyledion o'r adeg pan oeddech chi a'r rhiant sy'n talu gyda'ch gilydd",
        ),
        "boarding_school_fees": ("ffioedd ysgol breswyl", "ffioedd ysgol breswyl"),
        "former_family_home": (
            "y morgais, y benthyciad neu'r yswiriant ar eich hen gartref teuluol",
            "y morgais, y benthyciad neu'r yswiriant ar yr hen gartref teuluol",
        ),
        "unearned_income": (
            "eich incwm heb ei ennill (fel rhent, llog neu ddifidendau)",
            "incwm heb ei ennill y rhiant sy'n talu (fel rhent, llog neu ddifidendau)",
        ),
        "income_while_on_benefit": (
            "incwm sydd gennych tra byddwch ar y gyfradd unradd neu'r gyfradd ddim",
            "incwm sydd gan y rhiant sy'n talu tra bydd ar y gyfradd unradd neu'r gyfradd ddim",
        ),
        "diversion_of_income": (
            "incwm rydych wedi trefnu iddo gael ei dalu i rywun arall",
            "incwm y mae'r rhiant sy'n talu wedi trefnu iddo gael ei dalu i rywun arall",
        ),
    },
}


def format_money(amount: Decimal) -> str:
    """£1,234.56: rounded half up to the penny, with thousands separators."""
    return f"£{amount.quantize(_PENNY, rounding=ROUND_HALF_UP):,.2f}"


def format_rate(rate: Decimal) -> str:
    percent = (rate * 100).normalize()
    return f"{percent:f}%"


def format_date(value: date, language: str = "en") -> str:
    return f"{value.day} {_MONTHS[language][value.month - 1]} {value.year}"


def _children(count: int, language: str) -> str:
    if language == "cy":
        return "1 plentyn" if count == 1 else f"{count} o blant"
    return "1 child" if count == 1 else f"{count} children"


def _other_children(count: int, language: str) -> str:
    if language == "cy":
        if count == 0:
            return "dim plant eraill"
        return "1 plentyn arall" if count == 1 else f"{count} o blant eraill"
    if count == 0:
        return "no other children"
    return "1 other child" if count == 1 else f"{count} other children"


def _fraction(value: Fraction, language: str) -> str:
    return _FRACTION_WORDS[language].get(value, f"{value.numerator}/{value.denominator}")


_FORMATTERS: dict[str, Callable[[Any, str], str]] = {
    _MONEY: lambda value, language: format_money(value),
    _RATE: lambda value, language: format_rate(value),
    _NUMBER: lambda value, language: str(value),
    _CHILDREN: _children,
    _OTHER_CHILDREN: _other_children,
    _FRACTION: _fraction,
    _DATE: format_date,
    "text": lambda value, language: str(value),
    _GROUND: lambda value, language: _GROUND_WORDS[language][str(value)][0],
    _OTHER_GROUND: lambda value, language: _GROUND_WORDS[language][str(value)][1],
}


# Figures a template shows that follow from the recorded ones, worked out only for showing.
_DERIVED: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "split_between_children": lambda params: {"per_child": params["amount"] / params["children"]},
}


# How a band of nights is quoted when only the band is known: (a closed band, the last one).
NIGHTS_BAND_WORDS = {
    "en": ("{low} to {high}", "at least {low}"),
    "cy": ("{low} i {high}", "o leiaf {low}"),
}
_CHILD_NIGHTS_STEPS = {"shared_care_child", "shared_care_parent_child"}

NightsBands = Sequence[tuple[int, int | None]]


def _nights_in_band(nights: int, bands: NightsBands, language: str) -> str:
    closed, open_ended = NIGHTS_BAND_WORDS[language]
    for low, high in bands:
        if nights >= low and (high is None or nights <= high):
            return open_ended.format(low=low) if high is None else closed.format(low=low, high=high)
    return str(nights)


def render_step(
    step: ExplanationStep,
    language: str = "en",
    nights_bands: NightsBands | None = None,
    template: str | None = None,
) -> str:
    """One step as a sentence. With `nights_bands` ((low, high or None), ...) a child's
    nights are quoted as their band: the calculator asks for a band, not a count.
    `template` words the step for a particular reader instead of the paying parent."""
    if language not in TEMPLATES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    template = template or TEMPLATES[language][step.code]
    params = dict(step.params)
    derive = _DERIVED.get(step.code)
    if derive is not None:
        params.update(derive(params))
    values = {
        name: _FORMATTERS[PARAM_KINDS[name]](value, language) for name, value in params.items()
    }
    if nights_bands and step.code in _CHILD_NIGHTS_STEPS:
        values["nights"] = _nights_in_band(params["nights"], nights_bands, language)
    return template.format(**values)


def render_explanation(
    steps: Iterable[ExplanationStep], language: str = "en", nights_bands: NightsBands | None = None
) -> list[str]:
    """Each step as a sentence in `language` ("en" or "cy"), in order."""
    return [render_step(step, language, nights_bands) for step in steps]


# Steps that concern one receiving parent, and the steps about the paying parent's side
# that a receiving parent is not shown.
_ONE_PARENT_STEPS = {
    "shared_care_parent_child",
    "parent_share_not_below_zero",
    "flat_shared_care_nil_parent",
    "parent_amount",
}
_CHILD_STEPS = {"shared_care_child", "shared_care_parent_child"}


def render_for_reader(
    steps: Iterable[ExplanationStep],
    language: str = "en",
    *,
    reader_parent: int | None = None,
    several_parents: bool = False,
    parent_names: Mapping[int, str] | None = None,
    child_names: Mapping[tuple[int, int], str] | None = None,
    own_receiving_fee: tuple[Decimal, Decimal] | None = None,
) -> list[str]:
    """The steps of a case decision worded for the person reading them.

    `reader_parent` is None for the paying parent, else the reading receiving parent's
    number (1-based, in the order of the calculation). A receiving parent sees only their
    own share, children and fee: steps about another receiving parent are left out, and
    with several receiving parents the combined total and fee (from which another's share
    could be worked out) give way to `own_receiving_fee`, (fee, net) on their own amount.
    `child_names` maps (parent number, child number) to a name; `parent_names` maps a
    receiving parent's number to their name."""
    if language not in TEMPLATES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    parent_names = parent_names or {}
    child_names = child_names or {}
    receiving = reader_parent is not None
    lines = []
    skipping_child = False
    for step in steps:
        params = dict(step.params)
        parent = params.get("parent", 1)
        if step.code == "equal_care_extra":
            # It follows the child step it belongs to.
            if skipping_child:
                continue
        elif step.code in _CHILD_STEPS:
            skipping_child = receiving and parent != reader_parent
        if receiving:
            if step.code in _ONE_PARENT_STEPS and parent != reader_parent:
                continue
            if step.code == "collection_fee_paying":
                continue
            if several_parents and step.code in ("weekly_total", "split_to_the_penny"):
                continue
            if several_parents and step.code == "collection_fee_receiving":
                if own_receiving_fee is None:
                    continue
                params["fee"], params["net"] = own_receiving_fee
        if receiving and "ground" in params:
            params["other_ground"] = params.pop("ground")
        if "child" in params:
            params["child_name"] = child_names.get(
                (parent, params["child"]), _NUMBERED_CHILD[language].format(params["child"])
            )
        if "parent" in params:
            params["parent_name"] = parent_names.get(
                parent, _NUMBERED_PARENT[language].format(parent)
            )
        overrides = (RECEIVING_TEMPLATES if receiving else NAMED_TEMPLATES)[language]
        lines.append(
            render_step(
                ExplanationStep(step.code, params), language, template=overrides.get(step.code)
            )
        )
    return lines


# Stand-ins where a snapshot has no name for someone.
_NUMBERED_CHILD = {"en": "Child {}", "cy": "plentyn {}"}
_NUMBERED_PARENT = {"en": "receiving parent {}", "cy": "rhiant sy'n derbyn {}"}


def _to_json(name: str, value: Any) -> Any:
    kind = PARAM_KINDS[name]
    if kind in (_MONEY, _RATE):
        # Exact, not rounded: the figures are shown again from the snapshot, and a share
        # worked out from a rounded figure could show a different penny.
        return str(value)
    if kind == _FRACTION:
        return f"{value.numerator}/{value.denominator}"
    if kind == _DATE:
        return value.isoformat()
    if kind == _GROUND:
        return str(value)
    return value


def _from_json(name: str, value: Any) -> Any:
    kind = PARAM_KINDS[name]
    if kind in (_MONEY, _RATE):
        return Decimal(value)
    if kind == _FRACTION:
        return Fraction(value)
    if kind == _DATE:
        return date.fromisoformat(value)
    if kind == _GROUND:
        if value not in _GROUND_WORDS["en"]:
            raise ValueError(f"unknown variation ground {value!r}")
        return value
    return int(value)


def step_from_dict(data: Mapping[str, Any]) -> ExplanationStep:
    code = data["code"]
    if code not in STEP_PARAMS:
        raise ValueError(f"unknown explanation step {code!r}")
    params = {name: _from_json(name, data["params"][name]) for name in STEP_PARAMS[code]}
    return ExplanationStep(code, params)
