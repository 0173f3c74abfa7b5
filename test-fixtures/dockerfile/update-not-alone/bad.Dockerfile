# apt: the index is refreshed in one RUN and installed from in a later one, which Docker rebuilds against the
# cached (stale) index. Each fix moves the refresh into the RUN that installs.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u7
RUN gcc -O2 -o /out/app /src/app.c

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/update-not-alone 9-15 "`apt update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt update && apt install …` in one RUN"
RUN apt update -qq && echo "package index refreshed"
RUN apt install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
# the repository is added and refreshed here, but installed from in the next RUN
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u6 gnupg=2.2.40-1.1 \
# expect: dockerfile/pipefail 5-66 "`curl` is piped into `gpg`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
 && curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /usr/share/keyrings/docker.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/docker.gpg] https://download.docker.com/linux/debian bookworm stable" > /etc/apt/sources.list.d/docker.list \
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
 && apt-get update
RUN apt-get install -y --no-install-recommends docker-ce-cli=5:27.0.3-1~debian.12~bookworm \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/update-not-alone 45-51 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN dpkg --add-architecture i386 && apt-get update
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libc6:i386=2.36-9+deb12u7 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=10001:10001 /out/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
