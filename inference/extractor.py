"""EventExtractor: articles in, ACLED-style events out."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, overload

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

from inference.decoding import SpanPrediction, decode_bio
from inference.engine import BatchEngine, EncodedBatch, encode
from inference.events import assemble_events, to_span
from inference.outputs import Article, ArticleResult, Provenance
from inference.schema import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS
from inference.textcheck import InputError, check_text
from inference.version import __version__
from inference.windows import WindowSettings

ArticleLike = Article | Mapping[str, Any] | str


def as_article(item: ArticleLike) -> Article:
    """An Article from an Article, a mapping with `text` (and optional id, title, published, source) or a str."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item)
    if isinstance(item, Mapping):
        return Article(
            text=item.get("text"),  # type: ignore[arg-type]  # checked per article, never fatal for a batch
            id=None if item.get("id") is None else str(item.get("id")),
            title=item.get("title"),
            published=None if item.get("published") is None else str(item.get("published"))[:10],
            source=item.get("source"),
        )
    raise TypeError(f"an article is an Article, a mapping with 'text' or a str, not {type(item).__name__}")


def _published(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


class EventExtractor:
    """Extracts conflict events from news articles with a fine-tuned token-classification model.

    Example:
        >>> extractor = EventExtractor.from_pretrained("runs/quickstart")  # doctest: +SKIP
        >>> result = extractor.extract({"text": "KABUL, May 3 - Gunmen killed 4 police officers in Herat on Tuesday.",
        ...                             "published": "2024-05-03"})  # doctest: +SKIP
        >>> [(e.sub_event_type, e.fatalities.best, e.date.date) for e in result.events]  # doctest: +SKIP
        [('Attack', 4, '2024-04-30')]
    """

    def __init__(
        self,
        model: torch.nn.Module,
        tokenizer: Any,
        *,
        model_name: str,
        device: str | torch.device | None = None,
        batch_tokens: int = 4096,
        chunk_size: int = 256,
    ) -> None:
        settings = getattr(model.config, "conflict_events", None) or {}
        version = str(settings.get("schema_version", SCHEMA_VERSION))
        if version not in SUPPORTED_SCHEMA_VERSIONS:
            raise ValueError(f"{model_name}: model saved with schema_version {version}, this package reads "
                             f"{', '.join(sorted(SUPPORTED_SCHEMA_VERSIONS))}")
        self.tokenizer = tokenizer
        self.settings = WindowSettings(int(settings.get("max_length", 256)), int(settings.get("stride", 32)))
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}
        self.engine = BatchEngine(model, pad_token_id=tokenizer.pad_token_id or 0, batch_tokens=batch_tokens,
                                  device=device)
        self.chunk_size = chunk_size
        self.provenance = Provenance(
            model=model_name,
            model_version=str(settings.get("trained_at", "unknown")),
            package_version=__version__,
            schema_version=SCHEMA_VERSION,
        )

    @classmethod
    def from_pretrained(
        cls,
        model_dir: str | Path,
        device: str | torch.device | None = None,
        *,
        batch_tokens: int = 4096,
        num_threads: int | None = None,
    ) -> "EventExtractor":
        """Load a model saved by `conflict-events train` (a folder or a hub id)."""
        if num_threads:
            torch.set_num_threads(num_threads)
        path = str(model_dir)
        if Path(path).exists() and not (Path(path) / "config.json").is_file():
            raise FileNotFoundError(f"{path}: no config.json, not a saved model folder")
        if not Path(path).exists() and path.startswith(("/", ".", "~", "runs")):
            raise FileNotFoundError(f"no such model folder: {path} (train one with `conflict-events train`)")
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForTokenClassification.from_pretrained(path)
        return cls(model, tokenizer, model_name=Path(path).name or path, device=device, batch_tokens=batch_tokens)

    # -- spans ---------------------------------------------------------------------------------------------------
    def encode(self, texts: list[str]) -> EncodedBatch:
        return encode(self.tokenizer, texts, self.settings)

    def predict_spans(self, texts: list[str]) -> list[list[SpanPrediction]]:
        """Spans per text (windows merged), without event assembly."""
        return self._spans(self.encode(texts), texts)

    def _spans(self, encoded: EncodedBatch, texts: list[str]) -> list[list[SpanPrediction]]:
        return [decode_bio(scores, self.id2label, text) for scores, text in zip(self.engine.run(encoded), texts)]

    # -- events --------------------------------------------------------------------------------------------------
    @overload
    def extract(self, articles: ArticleLike) -> ArticleResult: ...
    @overload
    def extract(self, articles: list[ArticleLike]) -> list[ArticleResult]: ...
    @overload
    def extract(self, articles: Iterable[ArticleLike]) -> Iterator[ArticleResult]: ...

    def extract(self, articles):
        """One article gives one result, a list gives a list, any other iterable streams results in order."""
        if isinstance(articles, (Article, Mapping, str)):
            return next(self._stream([articles]))
        if isinstance(articles, (list, tuple)):
            return list(self._stream(articles))
        return self._stream(articles)

    def _stream(self, items: Iterable[Any]) -> Iterator[ArticleResult]:
        chunks = _chunked(iter(items), self.chunk_size)
        # Tokenize the next chunk on a worker thread while the model runs on this one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = None
            first = next(chunks, None)
            if first is not None:
                pending = pool.submit(self._prepare, first)
            while pending is not None:
                prepared = pending.result()
                following = next(chunks, None)
                pending = pool.submit(self._prepare, following) if following is not None else None
                yield from self._finish(*prepared)

    def _prepare(self, chunk: list[Any]) -> tuple[list[Article | None], list[Any], EncodedBatch]:
        articles: list[Article | None] = []
        checked: list[Any] = []  # (text, warnings) or InputError
        for item in chunk:
            try:
                article = as_article(item)
                checked.append(check_text(article.text))
                articles.append(article)
            except InputError as err:
                articles.append(article)
                checked.append(err)
            except TypeError as err:
                articles.append(None)
                checked.append(InputError("bad-article", str(err)))
        texts = [c[0] for c in checked if not isinstance(c, InputError)]
        return articles, checked, self.encode(texts)

    def _finish(self, articles: list[Article | None], checked: list[Any], encoded: EncodedBatch):
        texts = [c[0] for c in checked if not isinstance(c, InputError)]
        span_lists = iter(self._spans(encoded, texts))
        for article, check in zip(articles, checked):
            article_id = article.id if article is not None else None
            if isinstance(check, InputError):
                yield ArticleResult(article_id, error=str(check), error_kind=check.kind, provenance=self.provenance,
                                    published=article.published if article else None)
                continue
            text, warnings = check
            preds = next(span_lists)
            events = assemble_events(text, preds, _published(article))
            yield ArticleResult(
                article_id=article_id,
                events=tuple(events),
                spans=tuple(to_span(text, p) for p in preds),
                provenance=self.provenance,
                published=article.published,
                warnings=warnings,
            )


def _chunked(iterator: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
