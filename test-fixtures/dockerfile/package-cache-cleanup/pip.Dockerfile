FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --chown=10001:10001 requirements.txt /app/
# expect: dockerfile/package-cache-cleanup 9-16 "`pip install` keeps the downloaded packages in pip's cache: add `--no-cache-dir`"
RUN pip install -r requirements.txt
# expect: dockerfile/package-cache-cleanup 20-27 "`pip install` keeps the downloaded packages in pip's cache: add `--no-cache-dir`"
RUN python3 -m pip install --upgrade pip==24.1.2
RUN pip install --no-cache-dir -r requirements.txt
RUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn==22.0.0
RUN pip3 install --user uvicorn==0.30.1 && rm -rf /root/.cache/pip
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/main.py"]
