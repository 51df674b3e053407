"""A small rule engine that maps a source event type onto ACLED's, with conditions written as data.

A mapping file gives, per source event type, either a sub-event type (a string), `null` (no ACLED counterpart), or
an ordered list of rules; the first rule whose `when` holds decides. Conditions:

    {text: {roles: [trigger, weapon], pattern: "drone|air ?strike"}}  a span text of those roles matches (regex, any case)
    {field: {name: stage, pattern: "THREATENED"}}                    any value of a source field matches
    {has_role: actor2}                                               the event has an argument in that role
    {all: [...]}, {any: [...]}, {not: {...}}                         combinations

A rule is `{when: CONDITION, sub_event_type: NAME}` or `{when: CONDITION, unmapped: REASON}`; a rule without
`when` always holds. When no rule holds the event has no ACLED type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from inference.schema import ROLES, SUB_EVENT_TO_TYPE

_CONDITION_KEYS = frozenset({"text", "field", "has_role", "all", "any", "not"})


@dataclass(frozen=True)
class Rule:
    """One mapping rule: when `when` holds (or is None), the event gets `sub_event_type` (None: unmapped)."""

    when: Mapping[str, Any] | None
    sub_event_type: str | None
    reason: str | None = None


@dataclass(frozen=True)
class EventView:
    """What a rule may look at: span texts by our role (plus `trigger`) and the source's own fields."""

    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=None)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def check_condition(cond: Any, where: str) -> None:
    """Raise ValueError if a condition is malformed (unknown key, bad role, bad regex)."""
    if not isinstance(cond, dict) or len(cond) != 1:
        raise ValueError(f"{where}: a condition is a mapping with exactly one of {sorted(_CONDITION_KEYS)}")
    (key, value), = cond.items()
    if key not in _CONDITION_KEYS:
        raise ValueError(f"{where}: unknown condition {key!r}; use one of {sorted(_CONDITION_KEYS)}")
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"{where}: {key} takes a non-empty list of conditions")
        for number, sub in enumerate(value, start=1):
            check_condition(sub, f"{where}.{key}[{number}]")
    elif key == "not":
        check_condition(value, f"{where}.not")
    elif key == "has_role":
        if value not in ROLES:
            raise ValueError(f"{where}: has_role {value!r} is not one of our roles")
    else:
        if not isinstance(value, dict) or "pattern" not in value:
            raise ValueError(f"{where}: {key} needs a pattern")
        names = value.get("roles") if key == "text" else [value.get("name")]
        if key == "text" and (not isinstance(names, list) or any(r not in ROLES for r in names)):
            raise ValueError(f"{where}: text.roles must list our roles, got {names!r}")
        if key == "field" and not isinstance(value.get("name"), str):
            raise ValueError(f"{where}: field needs a name")
        try:
            _regex(str(value["pattern"]))
        except re.error as err:
            raise ValueError(f"{where}: bad pattern {value['pattern']!r}: {err}") from None


def compile_rules(spec: Any, where: str) -> tuple[Rule, ...]:
    """Turn the YAML value for one source event type into rules, checking sub-event type names."""
    if spec is None:
        return (Rule(None, None, "no ACLED counterpart"),)
    if isinstance(spec, str):
        spec = [{"sub_event_type": spec}]
    if not isinstance(spec, list):
        raise ValueError(f"{where}: give a sub-event type, null, or a list of rules")
    rules = []
    for number, raw in enumerate(spec, start=1):
        at = f"{where}[{number}]"
        if not isinstance(raw, dict) or set(raw) - {"when", "sub_event_type", "unmapped"}:
            raise ValueError(f"{at}: a rule has keys when, sub_event_type or unmapped")
        if ("sub_event_type" in raw) == ("unmapped" in raw):
            raise ValueError(f"{at}: a rule needs exactly one of sub_event_type and unmapped")
        sub = raw.get("sub_event_type")
        if sub is not None and sub not in SUB_EVENT_TO_TYPE:
            raise ValueError(f"{at}: {sub!r} is not an ACLED sub-event type")
        if raw.get("when") is not None:
            check_condition(raw["when"], f"{at}.when")
        rules.append(Rule(raw.get("when"), sub, raw.get("unmapped")))
    return tuple(rules)


def holds(cond: Mapping[str, Any], view: EventView) -> bool:
    """Evaluate one (already checked) condition against an event."""
    (key, value), = cond.items()
    if key == "all":
        return all(holds(sub, view) for sub in value)
    if key == "any":
        return any(holds(sub, view) for sub in value)
    if key == "not":
        return not holds(value, view)
    if key == "has_role":
        return bool(view.texts.get(value))
    regex = _regex(str(value["pattern"]))
    if key == "text":
        values = [t for role in value["roles"] for t in view.texts.get(role, ())]
    else:
        values = list(view.fields.get(value["name"], ()))
    return any(regex.search(v) for v in values)


def classify(rules: tuple[Rule, ...], view: EventView) -> tuple[str | None, str | None]:
    """(event_type, sub_event_type) from the first rule that holds; (None, None) when none does."""
    for rule in rules:
        if rule.when is None or holds(rule.when, view):
            if rule.sub_event_type is None:
                return None, None
            return SUB_EVENT_TO_TYPE[rule.sub_event_type], rule.sub_event_type
    return None, None
