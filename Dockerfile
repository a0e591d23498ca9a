FROM python:3.11-slim
WORKDIR /app
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 HF_HUB_OFFLINE=1 RA_DATA_DIR=/data
# torch first, so nothing else picks its build: point TORCH_INDEX_URL at PyTorch's CPU wheel index
# to keep the image small (the default index serves the large CUDA build).
ARG TORCH_INDEX_URL=""
RUN pip install ${TORCH_INDEX_URL:+--index-url $TORCH_INDEX_URL} torch==2.13.0
COPY pyproject.toml README.md ./
COPY core core
COPY ingestion ingestion
COPY retrieval retrieval
COPY assistant assistant
# The chat's settings and welcome page: `recruiter web` reads them beside the package (editable install).
COPY .chainlit .chainlit
COPY chainlit.md ./
RUN pip install -e .
VOLUME /data
CMD ["recruiter", "worker"]
