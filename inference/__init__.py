"""conflict-events inference: load a saved model and extract ACLED-style events from articles.

Heavy modules load on first use, so `inference.schema` and the normalizers import without torch. Importing
`inference.pipeline` (or touching `inference.PIPELINE_TASK`) registers the `conflict-event-extraction` pipeline.

>>> from inference import EventExtractor  # doctest: +SKIP
>>> EventExtractor.from_pretrained("runs/quickstart").extract("KABUL, May 3 - ...")  # doctest: +SKIP
"""

from importlib import import_module

from inference.version import __version__

_LAZY = {
    "EventExtractor": "inference.extractor",
    "Article": "inference.outputs",
    "ArticleResult": "inference.outputs",
    "Event": "inference.outputs",
    "PIPELINE_TASK": "inference.pipeline",
}

__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        module = import_module(_LAZY[name])
        return getattr(module, "TASK" if name == "PIPELINE_TASK" else name)
    raise AttributeError(f"module 'inference' has no attribute {name!r}")
