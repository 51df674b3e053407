"""`pipeline("conflict-event-extraction", model=...)`: the extractor as a transformers pipeline.

Importing `inference` registers the task. The pipeline runs the same engine and assembly as EventExtractor.
"""

from __future__ import annotations

from typing import Any

from transformers import AutoModelForTokenClassification, Pipeline
from transformers.pipelines import PIPELINE_REGISTRY

from inference.extractor import EventExtractor, as_article

TASK = "conflict-event-extraction"


class ConflictEventPipeline(Pipeline):
    """Articles (str or dict with `text`, optional `published`, `id`) in, ArticleResult dicts out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._extractor = EventExtractor(self.model, self.tokenizer, model_name=getattr(self.model, "name_or_path", "model"),
                                         device=self.device)

    def _sanitize_parameters(self, as_dict: bool | None = None, **kwargs: Any):
        postprocess = {} if as_dict is None else {"as_dict": as_dict}
        return {}, {}, postprocess

    def preprocess(self, inputs: Any) -> dict[str, Any]:
        return {"article": as_article(inputs)}

    def _forward(self, model_inputs: dict[str, Any]) -> dict[str, Any]:
        return {"result": self._extractor.extract(model_inputs["article"])}

    def postprocess(self, model_outputs: dict[str, Any], as_dict: bool = True):
        result = model_outputs["result"]
        return result.to_dict() if as_dict else result


PIPELINE_REGISTRY.register_pipeline(
    TASK, pipeline_class=ConflictEventPipeline, pt_model=AutoModelForTokenClassification, type="text"
)
