# Chainguard's python image (no shell, no package manager) runs what the full python image built.
FROM python:3.12.4-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir --target /app/deps --requirement requirements.txt

FROM cgr.dev/chainguard/python:latest@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=65532:65532 /app/deps /app/deps
COPY --chown=65532:65532 app.py /app/
ENV PYTHONPATH=/app/deps
USER 65532:65532
HEALTHCHECK CMD ["python", "-c", "print(1)"]
ENTRYPOINT ["python", "/app/app.py"]
