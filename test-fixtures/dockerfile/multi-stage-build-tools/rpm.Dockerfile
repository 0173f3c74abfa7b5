# expect: dockerfile/minimal-base-image 6-117 "The final image is built on registry.access.redhat.com/ubi9/ubi:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Red Hat UBI userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM registry.access.redhat.com/ubi9/ubi:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/multi-stage-build-tools 49-56 "gcc-c++ is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/pin-package-versions 49-56 "`gcc-c++` is installed by `dnf install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`gcc-c++-<version>`)"
# expect: dockerfile/multi-stage-build-tools 57-62 "maven is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/pin-package-versions 57-62 "`maven` is installed by `dnf install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`maven-<version>`)"
RUN dnf install -y --setopt install_weak_deps=0 gcc-c++ maven \
# expect: dockerfile/multi-stage-build-tools 26-45 "The "Development Tools" group installs build tools that stay in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
 && dnf group install -y "Development Tools" \
 && dnf clean all
COPY --chown=10001:10001 . /src/
USER 10001:10001
HEALTHCHECK CMD ["/src/bin/health"]
ENTRYPOINT ["/src/bin/app"]
