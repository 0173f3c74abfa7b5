# The final stage is built on a stage that installed build-essential: the tools are in the final image.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS base
RUN apt-get update \
# expect: dockerfile/multi-stage-build-tools 48-68 "build-essential is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
 && apt-get install -y --no-install-recommends build-essential=12.9 ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*

FROM base
COPY --chown=10001:10001 app /usr/local/bin/app
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
