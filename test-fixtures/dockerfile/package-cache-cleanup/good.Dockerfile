FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
# not shipped: no clean-up needed
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3
RUN gcc -o /out/app /src/app.c

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u6
COPY --from=build --chown=10001:10001 /out/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
