# The app process: Telegram bot, handoff domain, web desk and web chat (Python 3.11).
FROM python:3.11-slim
WORKDIR /srv/aandacht
COPY pyproject.toml README.md ./
COPY bot bot
COPY handoff handoff
RUN pip install --no-cache-dir .
COPY config config
ENV EMPLOYEES_FILE=/srv/aandacht/config/employees.yml \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
EXPOSE 8080
CMD ["python", "-m", "handoff", "app"]
