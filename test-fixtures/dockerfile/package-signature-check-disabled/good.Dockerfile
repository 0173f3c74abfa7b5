FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY example-archive-keyring.gpg /etc/apt/keyrings/example.gpg
RUN echo "deb [signed-by=/etc/apt/keyrings/example.gpg] https://apt.example.com/debian bookworm main" > /etc/apt/sources.list.d/example.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends example-agent=1.2.3 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
