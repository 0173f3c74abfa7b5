FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS alpine
COPY agent-1.2.3.apk /tmp/
# expect: dockerfile/package-signature-check-disabled 24-41 "`--allow-untrusted` lets apk install packages whose signatures it cannot verify"
RUN apk add --no-cache --allow-untrusted /tmp/agent-1.2.3.apk

# expect: dockerfile/minimal-base-image 6-87 "The final image is built on fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Fedora userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY agent-1.2.3.rpm /tmp/
# expect: dockerfile/package-signature-check-disabled 12-25 "`--nosignature` installs the package without checking its signature"
# expect: dockerfile/package-signature-check-disabled 26-36 "`--nodigest` installs the package without checking its digests"
RUN rpm -i --nosignature --nodigest /tmp/agent-1.2.3.rpm
# expect: dockerfile/package-signature-check-disabled 20-32 "`--nogpgcheck` installs packages without checking their GPG signatures"
RUN dnf install -y --nogpgcheck /tmp/agent-1.2.3.rpm && dnf clean all
# expect: dockerfile/package-signature-check-disabled 20-39 "`--setopt=gpgcheck=0` makes yum install packages without checking their GPG signatures"
RUN yum install -y --setopt=gpgcheck=0 tini-0.19.0 && yum clean all
# the key imported, checks left on
RUN rpm --import https://rpm.example.com/RPM-GPG-KEY-example && dnf install -y example-agent-1.2.3 && dnf clean all
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
