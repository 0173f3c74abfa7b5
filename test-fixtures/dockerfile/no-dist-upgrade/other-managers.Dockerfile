FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS alpine
# expect: dockerfile/no-dist-upgrade 9-16 "`apk upgrade` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN apk upgrade --no-cache
RUN apk upgrade --no-cache openssl

FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fedora
# expect: dockerfile/no-dist-upgrade 12-18 "`dnf update` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN dnf -y update && dnf clean all
# expect: dockerfile/no-dist-upgrade 9-15 "`yum update` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN yum update -y --setopt=install_weak_deps=False && yum clean all
RUN dnf upgrade -y openssl && dnf clean all
# expect: dockerfile/no-dist-upgrade 14-25 "`microdnf distro-sync` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN microdnf distro-sync -y && microdnf clean all

# expect: dockerfile/minimal-base-image 6-96 "The final image is built on opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full openSUSE Leap userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-dist-upgrade 30-33 "`zypper dup` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
RUN zypper --non-interactive dup && zypper clean --all
RUN zypper --non-interactive up openssl && zypper clean --all
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
