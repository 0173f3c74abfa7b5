# Recommends turned off once for the whole image in apt's configuration.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99-no-recommends
RUN apt-get update && apt-get install -y ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
