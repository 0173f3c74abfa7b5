FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# single packages upgraded by name
RUN apt-get update \
 && apt-get install -y --no-install-recommends --only-upgrade libssl3=3.0.13-1~deb12u1 \
 && apt-get upgrade -y openssl \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
