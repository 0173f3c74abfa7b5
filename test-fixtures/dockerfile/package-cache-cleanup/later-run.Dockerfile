# A later RUN installs without apt-get update: deleting the lists earlier would break it, so the fix is unsafe.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS base
# expect: dockerfile/package-cache-cleanup 31-38 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311

FROM base
RUN apt-get install -y --no-install-recommends tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
