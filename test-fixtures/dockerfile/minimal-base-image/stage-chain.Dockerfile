# The final stage is built on an earlier stage, which is built on the full debian image: that FROM is reported.
# expect: dockerfile/minimal-base-image 6-89 "The final image is built on debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec (through stages "runtime" → "base"), a full Debian userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*

FROM base AS runtime
COPY --chown=10001:10001 app /usr/local/bin/app

FROM runtime
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
