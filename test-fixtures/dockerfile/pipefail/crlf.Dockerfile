# CRLF line endings: the SHELL line the fix inserts ends with CRLF too
FROM ubuntu:24.04@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20240203 curl=8.5.0-2ubuntu10.1 \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/pipefail 7-+1:10 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
  RUN curl -fsSL https://downloads.example.com/app-1.4.2-linux-amd64.tar.gz \
    | tar -xz -C /opt

FROM gcr.io/distroless/static-debian12:nonroot@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build /opt/app /app
USER 65532:65532
HEALTHCHECK CMD ["/app/bin/app", "healthcheck"]
ENTRYPOINT ["/app/bin/app"]
