# The standard Red Hat Universal Base Image, under its short name: dnf, bash and a full RHEL userland.
# expect: dockerfile/minimal-base-image 6-113 "The final image is built on registry.access.redhat.com/ubi9:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Red Hat UBI userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM registry.access.redhat.com/ubi9:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app /usr/local/bin/app
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
