# expect: dockerfile/minimal-base-image 6-87 "The final image is built on fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Fedora userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN dnf install -y tini-0.19.0 && dnf clean all
# expect: dockerfile/package-cache-cleanup 9-16 "`dnf install` leaves its package cache in the image: end this RUN with `dnf clean all`"
RUN dnf install -y jq-1.7.1
RUN yum -y install curl-8.6.0 \
# expect: dockerfile/package-cache-cleanup 12-19 "`yum install` leaves its package cache in the image: end this RUN with `yum clean all`"
 && yum -y install git-2.45.2 || true
RUN microdnf install -y which-2.21 && microdnf clean all
# expect: dockerfile/package-cache-cleanup 14-21 "`microdnf install` leaves its package cache in the image: end this RUN with `microdnf clean all`"
RUN microdnf install -y tar-1.35
RUN dnf install -y xz-5.4.6 && rm -rf /var/cache/dnf
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gzip-1.13
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
