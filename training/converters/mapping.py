"""Mapping files (configs/corpora/<source>.yaml): a source's labels, roles and event types onto ours, as data.

Keys of a mapping file:

    name, origin, id_prefix     the source; `origin` goes into every document; ids are `id_prefix` + the source id
    labels                      source entity label -> our span label (spans-only sources)
    roles                       source role -> {role: our role, label: our span label}
    event_types                 source event type -> sub-event type | null | rules (see rules.py)
    unmapped                    source label, role or event type (a glob) -> one-line reason it has no counterpart
    partition                   {train: [id globs], evaluation: [id globs], evaluation_hash: {salt, percent}}:
                                evaluation (hash rule, then globs) is tried first; the hash rule puts a document in
                                evaluation by a salted hash of its source id without the trailing `_n` (its article)
    inputs                      {format: converter name, paths: [paths under the corpora folder]}
    options                     format-specific settings (file patterns, thresholds, lookup tables)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

import yaml

from inference.schema import ROLES, SPAN_LABELS
from training.converters.rules import Rule, compile_rules

CONFIG_DIR = Path(__file__).resolve().parents[2] / "configs" / "corpora"
PARTS = ("train", "evaluation")
_KEYS = {"name", "origin", "id_prefix", "description", "labels", "roles", "event_types", "unmapped", "partition",
         "inputs", "options"}


@dataclass(frozen=True)
class RoleMap:
    """Where a source role goes: our event role and the label of the span that fills it."""

    role: str
    label: str


@dataclass(frozen=True)
class CorpusMapping:
    """A parsed, checked mapping file."""

    name: str
    origin: str
    id_prefix: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, RoleMap] = field(default_factory=dict)
    event_types: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    unmapped: Mapping[str, str] = field(default_factory=dict)
    partition: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    evaluation_hash: Mapping[str, Any] = field(default_factory=dict)
    inputs: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def unmapped_reason(self, name: str) -> str | None:
        """The reason a source name has no counterpart, or None if it is not listed under `unmapped`."""
        for pattern, reason in self.unmapped.items():
            if fnmatchcase(name, pattern):
                return reason
        return None

    def label(self, name: str) -> str | None:
        return self.labels.get(name)

    def role(self, name: str) -> RoleMap | None:
        return self.roles.get(name)

    def rules(self, event_type: str) -> tuple[Rule, ...] | None:
        return self.event_types.get(event_type)


def _str_map(raw: Any, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: must be a mapping")
    return {str(k): v for k, v in raw.items()}


def parse_mapping(raw: dict[str, Any], where: str = "mapping") -> CorpusMapping:
    """Check a mapping loaded from YAML; every problem is a ValueError naming the file and key."""
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a mapping file holds one YAML mapping")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("name", "origin"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ValueError(f"{where}: {key} must be a non-empty string")
    labels = _str_map(raw.get("labels"), f"{where}: labels")
    for name, label in labels.items():
        if label not in SPAN_LABELS:
            raise ValueError(f"{where}: labels.{name}: {label!r} is not one of {SPAN_LABELS}")
    roles: dict[str, RoleMap] = {}
    for name, spec in _str_map(raw.get("roles"), f"{where}: roles").items():
        if not isinstance(spec, dict) or set(spec) != {"role", "label"}:
            raise ValueError(f"{where}: roles.{name} must be {{role: ..., label: ...}}")
        if spec["role"] not in ROLES or spec["role"] == "trigger":
            raise ValueError(f"{where}: roles.{name}: {spec['role']!r} is not an argument role")
        if spec["label"] not in SPAN_LABELS:
            raise ValueError(f"{where}: roles.{name}: {spec['label']!r} is not a span label")
        roles[name] = RoleMap(spec["role"], spec["label"])
    event_types = {
        name: compile_rules(spec, f"{where}: event_types.{name}")
        for name, spec in _str_map(raw.get("event_types"), f"{where}: event_types").items()
    }
    unmapped = _str_map(raw.get("unmapped"), f"{where}: unmapped")
    for name, reason in unmapped.items():
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"{where}: unmapped.{name} needs a one-line reason")
    partition_raw = dict(_str_map(raw.get("partition"), f"{where}: partition"))
    evaluation_hash = _str_map(partition_raw.pop("evaluation_hash", None), f"{where}: partition.evaluation_hash")
    if evaluation_hash and (not isinstance(evaluation_hash.get("salt"), str)
                            or not isinstance(evaluation_hash.get("percent"), int)):
        raise ValueError(f"{where}: partition.evaluation_hash must be {{salt: TEXT, percent: INTEGER}}")
    if set(partition_raw) - set(PARTS):
        raise ValueError(f"{where}: partition has only {PARTS}")
    partition = {}
    for part in PARTS:
        globs = partition_raw.get(part) or []
        if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
            raise ValueError(f"{where}: partition.{part} must be a list of id globs")
        partition[part] = tuple(globs)
    inputs = _str_map(raw.get("inputs"), f"{where}: inputs")
    if inputs and (not isinstance(inputs.get("format"), str) or not isinstance(inputs.get("paths"), list)):
        raise ValueError(f"{where}: inputs must be {{format: NAME, paths: [...]}}")
    return CorpusMapping(
        name=raw["name"],
        origin=raw["origin"],
        id_prefix=str(raw.get("id_prefix") or ""),
        labels=labels,
        roles=roles,
        event_types=event_types,
        unmapped=unmapped,
        partition=partition,
        evaluation_hash=evaluation_hash,
        inputs=inputs,
        options=_str_map(raw.get("options"), f"{where}: options"),
    )


def load_mapping(path: str | Path) -> CorpusMapping:
    """Read and check one mapping file."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML: {err}") from None
    return replace(parse_mapping(raw, str(path)), path=path)


def mapping_path(name: str) -> Path:
    """The mapping file shipped for a source name (configs/corpora/<name>.yaml)."""
    return CONFIG_DIR / f"{name}.yaml"


def partition_of(doc: Mapping[str, Any], mapping: CorpusMapping) -> Literal["train", "evaluation"]:
    """The declared partition of a converted document: evaluation globs are tried first, then train.

    >>> partition_of({"id": "muc4/TST1-MUC9-9101"}, load_mapping(mapping_path("muc4")))
    'evaluation'
    """
    doc_id = str(doc.get("id"))
    rule = mapping.evaluation_hash
    if rule:
        article = doc_id.removeprefix(mapping.id_prefix).rsplit("_", 1)[0]
        if hash_split([article], rule["salt"], rule["percent"]):
            return "evaluation"
    for part in ("evaluation", "train"):
        if any(fnmatchcase(doc_id, glob) for glob in mapping.partition.get(part, ())):
            return part  # type: ignore[return-value]
    raise ValueError(f"document {doc_id!r} is in neither partition declared by {mapping.path or mapping.name}")


def hash_split(keys: Iterable[str], salt: str, evaluation_percent: int = 20) -> set[str]:
    """The keys that a salted SHA-256 puts in evaluation (a mapping's `partition.evaluation_hash` rule)."""
    return {
        key
        for key in keys
        if int(hashlib.sha256(f"{salt}:{key}".encode("utf-8")).hexdigest()[:8], 16) % 100 < evaluation_percent
    }
