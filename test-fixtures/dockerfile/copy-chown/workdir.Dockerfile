# WORKDIR created /app before the COPY: chown -R also changes /app itself, COPY --chown would not (unsafe fix).
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
ARG APP_UID=10001
WORKDIR /app
COPY requirements.txt app.py ./
# expect: dockerfile/copy-chown 36-37 "chown of . (/app), which COPY just added: set the owner while copying with `COPY --chown=${APP_UID}:${APP_UID}` instead of a separate chown, which duplicates every file into a new layer"
RUN chown -R ${APP_UID}:${APP_UID} . && pip install --no-cache-dir --requirement requirements.txt
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
