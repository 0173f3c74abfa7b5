# syntax=docker/dockerfile:1
# Every refresh is followed, in its own RUN, by the install that uses it.
FROM golang:1.22.5-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends libpcap-dev=1.10.3-1
# a retry loop: the install after the loop reads the index the loop refreshed
RUN for i in 1 2 3; do apt-get update && break || sleep 5; done \
 && xargs -a /src/build-packages.txt apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/*
RUN cd /src && go build -trimpath -o /out/app ./cmd/app

FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS certs
RUN apk update && apk upgrade --no-cache ca-certificates

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates=20230311 tini=0.19.0-1; \
    rm -rf /var/lib/apt/lists/*
RUN <<EOT
set -e
apt-get update
apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u6
rm -rf /var/lib/apt/lists/*
EOT
RUN sh -c 'apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1 && rm -rf /var/lib/apt/lists/*'
# the same RUN installs again after adding a repository and refreshing
RUN apt-get update \
 && apt-get install -y --no-install-recommends gnupg=2.2.40-1.1 \
 && curl -fsSL https://packages.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://packages.example.com/debian bookworm main" > /etc/apt/sources.list.d/example.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends example-agent=2.4.1 \
 && apt-get purge -y gnupg \
 && rm -rf /var/lib/apt/lists/*
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build --chown=10001:10001 /out/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/usr/bin/tini", "--", "/app"]
