# Rasa 3.6 and its action server (Python 3.10). The model is trained into the image, so a
# container never trains or downloads anything when it starts.
FROM python:3.10-slim
WORKDIR /srv/rasa_project
COPY requirements-rasa.txt /tmp/requirements-rasa.txt
RUN pip install --no-cache-dir -r /tmp/requirements-rasa.txt
COPY rasa_project/ ./
ENV RASA_TELEMETRY_ENABLED=false
RUN rasa train --out models --fixed-model-name aandacht
EXPOSE 5005 5055
