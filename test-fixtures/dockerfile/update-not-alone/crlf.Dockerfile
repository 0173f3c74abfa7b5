# CRLF line endings: the fix deletes the lone RUN with its line break and prefixes the install
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get update \
 && echo "index refreshed"
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get update
RUN apt-get install -y --no-install-recommends \
    ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
