# newsbot's Telegram bot in a small image: `newsbot run`, as a non-root user, the index in a
# volume. Build: `docker build -t newsbot .`; with `--build-arg WITH_ST=1` it also installs
# the sentence-transformers extra (any embedding model by name, with PyTorch's CPU build).
# README, "The Telegram bot", shows how to run it.

FROM python:3.11-slim AS build
ARG WITH_ST=0
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/newsbot
ENV PATH=/opt/newsbot/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY index/ index/
COPY bot/ bot/
COPY newsbot/ newsbot/
# The README's install commands. PyTorch first, from its CPU-only index: the Linux wheel on
# PyPI pulls several GB of CUDA libraries that this image would never use.
# DL3013 takes the local project with an extra, ".[st]", for an unpinned package.
# hadolint ignore=DL3013
RUN if [ "$WITH_ST" = "1" ]; then \
        pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
        && pip install ".[st]"; \
    else \
        pip install .; \
    fi

FROM python:3.11-slim
RUN groupadd --system --gid 10001 newsbot \
    && useradd --system --uid 10001 --gid newsbot --create-home newsbot \
    && mkdir /index /state \
    && chown newsbot:newsbot /index /state
COPY --from=build /opt/newsbot /opt/newsbot
ENV PATH=/opt/newsbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    NEWSBOT_INDEX_DIR=/index \
    NEWSBOT_STATE=/state/newsbot-state.sqlite
# The bot's state (follows, digests, feedback) lives beside the index, not in it.
VOLUME ["/index", "/state"]
USER 10001:10001
WORKDIR /home/newsbot
# Healthy while the index opens with its model and answers `stats` (the model loads in
# milliseconds; nothing is embedded).
HEALTHCHECK --interval=5m --timeout=30s --start-period=30s --retries=3 \
    CMD ["newsbot", "stats"]
CMD ["newsbot", "run"]
