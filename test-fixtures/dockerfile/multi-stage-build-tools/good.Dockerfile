# Build tools only in the build stage; the final stage gets the binary.
FROM golang:1.22.5-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u7 make=4.3-4.1 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make build

FROM gcr.io/distroless/base-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build /src/bin/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
