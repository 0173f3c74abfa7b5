FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY requirements.txt app.py /app/
COPY --chown=10001:10001 config/ /etc/app/
# a verified download is ADD's job
ADD --checksum=sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec https://example.com/releases/tool-1.2.3 /usr/local/bin/tool
# a source only known at build time
ARG EXTRA_FILES
ADD ${EXTRA_FILES} /opt/extra/
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
