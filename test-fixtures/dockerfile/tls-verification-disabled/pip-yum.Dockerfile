FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS wheels
# expect: dockerfile/tls-verification-disabled 32-46 "`pip --trusted-host pypi.example.com` skips TLS certificate checks for that host"
RUN pip install --no-cache-dir --trusted-host pypi.example.com --index-url https://pypi.example.com/simple flask==3.0.3
# expect: dockerfile/tls-verification-disabled 20-56 "`pip config set global.trusted-host` makes pip skip TLS certificate checks for pypi.example.com"
RUN pip config set global.trusted-host pypi.example.com
# expect: dockerfile/tls-verification-disabled 43-74 "`pip --trusted-host pypi.example.com` skips TLS certificate checks for that host"
RUN python3 -m pip install --no-cache-dir --trusted-host=pypi.example.com gunicorn==22.0.0

# expect: dockerfile/minimal-base-image 6-87 "The final image is built on fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Fedora userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/tls-verification-disabled 20-44 "`--setopt=sslverify=false` makes dnf download packages and metadata without TLS certificate checks"
RUN dnf install -y --setopt=sslverify=false tini-0.19.0 && dnf clean all
# expect: dockerfile/tls-verification-disabled 31-53 "`--setopt=*.sslverify=0` makes yum-config-manager download packages and metadata without TLS certificate checks"
RUN yum-config-manager --save --setopt=*.sslverify=0
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
