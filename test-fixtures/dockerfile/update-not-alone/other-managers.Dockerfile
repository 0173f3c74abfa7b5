# apk, yum/dnf and zypper: a refresh in a RUN of its own.
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fetch
# `apk add --no-cache` fetches its own index: the fix only removes the refresh
# expect: dockerfile/update-not-alone 9-15 "`apk update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); drop it and install with `apk add --no-cache …`, which fetches a fresh index itself"
RUN apk update
RUN apk add --no-cache curl=8.8.0-r0 && curl -fsSLo /out/tool.tar.gz https://example.com/tool-1.4.2.tar.gz

FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS tools
# the fix removes the refresh and adds --no-cache to the later apk add
# expect: dockerfile/update-not-alone 9-15 "`apk update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); drop it and install with `apk add --no-cache …`, which fetches a fresh index itself"
RUN apk update
RUN apk add jq=1.7.1-r0

FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fedora
# expect: dockerfile/update-not-alone 12-21 "`dnf makecache` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); drop it (`dnf install` refreshes expired metadata itself) or run it in the same RUN as the install"
RUN dnf -y makecache
RUN dnf install -y tini-0.19.0 && dnf clean all
# expect: dockerfile/update-not-alone 12-24 "`yum check-update` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); drop it (`yum install` refreshes expired metadata itself) or run it in the same RUN as the install"
RUN yum -q check-update || true

# expect: dockerfile/minimal-base-image 6-96 "The final image is built on opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full openSUSE Leap userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/update-not-alone 30-33 "`zypper ref` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); run `zypper refresh && zypper install …` in one RUN"
RUN zypper --non-interactive ref
RUN zypper --non-interactive install -y openssl-3.1.4 && zypper clean --all
COPY --from=fetch --chown=10001:10001 /out/tool.tar.gz /opt/tool.tar.gz
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
