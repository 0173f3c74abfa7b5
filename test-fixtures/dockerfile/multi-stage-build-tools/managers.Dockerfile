# Every manager the shared package reader knows, with options that take a value before the packages.
# expect: dockerfile/minimal-base-image 6-89 "The final image is built on debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Debian userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/multi-stage-build-tools 44-48 "make is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/pin-package-versions 44-48 "`make` is installed by `aptitude install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`make=<version>`)"
RUN aptitude install -y -o Dpkg::Use-Pty=0 make \
# expect: dockerfile/multi-stage-build-tools 73-78 "cmake is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/pin-package-versions 73-78 "`cmake` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`cmake=<version>`)"
 && apt-get install -y --no-install-recommends -t bookworm-backports -- cmake \
 && rm -rf /var/lib/apt/lists/*
# -t is apk's short --virtual: the group goes with `apk del`
# expect: dockerfile/pin-package-versions 33-36 "`gcc` is installed by `apk add` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`gcc=<version>`)"
RUN apk add --no-cache -t .deps gcc && apk del .deps
# expect: dockerfile/multi-stage-build-tools 50-55 "clang is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/pin-package-versions 50-55 "`clang` is installed by `dnf5 install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`clang-<version>`)"
RUN dnf5 install -y --setopt=install_weak_deps=0 clang && dnf5 clean all
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
