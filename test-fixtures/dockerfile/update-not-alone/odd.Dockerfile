# Forms and look-alikes.
FROM ubuntu:24.04@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS forms
# exec form; the next RUN refreshes for itself, so the fix only removes this one
# expect: dockerfile/update-not-alone 18-24 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN ["apt-get", "update"]
RUN apt-get update && apt-get install -y --no-install-recommends make=4.3-4.1build2
# inside sh -c and a heredoc
# expect: dockerfile/update-not-alone 20-26 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN sh -c 'apt-get update'
RUN <<EOT
# expect: dockerfile/update-not-alone 9-15 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
apt-get update
EOT
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends g++=4:13.2.0-7ubuntu1
# twice in a row, with a continuation and a comment: one finding, on the last refresh
RUN apt-get update \
    # refresh again in case a mirror was syncing
 && apt-get \
# expect: dockerfile/update-not-alone 7-13 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
      update
# a refresh that may fail: no mechanical fix
# expect: dockerfile/update-not-alone 17-23 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get -qq update > /dev/null 2>&1 || true
RUN apt-get install -y --no-install-recommends git=1:2.43.0-1ubuntu7

FROM ubuntu:24.04@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS unread
# the rest of the RUN runs code Rampart cannot read, which may install: not reported
RUN apt-get update && ./scripts/install-build-deps.sh
RUN apt-get update && make -C /src deps
RUN apt-get update && rosdep install --from-paths /src --ignore-src -y
RUN apt-get update && $INSTALL_CMD
# the lists are deleted in the same RUN: nothing stale is left behind
RUN apt-get update && rm -rf /var/lib/apt/lists/*
# pip does not install from apt's index
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get update && pip install --no-cache-dir ansible-core==2.17.1
# half-typed
RUN apt-get
# expect: dockerfile/update-not-alone 13-19 "`apt-get update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `apt-get update && apt-get install …` in one RUN"
RUN apt-get update &&

FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS alpine
# `apk add --no-cache` after `apk update` still installs in the same RUN
RUN apk update && apk add --no-cache curl=8.8.0-r0

FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fedora
# `dnf update` upgrades packages: no-dist-upgrade's business, not an index refresh
# expect: dockerfile/no-dist-upgrade 12-18 "`dnf update` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN dnf -y update && dnf clean all

# expect: dockerfile/minimal-base-image 6-90 "The final image is built on ubuntu:24.04@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Ubuntu userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM ubuntu:24.04@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20240203 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
