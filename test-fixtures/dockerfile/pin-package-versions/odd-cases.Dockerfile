# Variables, heredocs, sh -c bodies, exec form, wrappers, quoting and half-typed commands.
ARG CURL_VERSION=7.88.1-10+deb12u6
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS tools
# option values are not packages
# expect: dockerfile/pin-package-versions 60-64 "`yarn` is installed by `npm install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`yarn@<version>`)"
RUN npm --loglevel warn install --prefix /opt/tools -w web yarn && npm cache clean --force
# expect: dockerfile/pin-package-versions 85-89 "`rake` is installed by `gem install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`rake:<version>`)"
RUN gem install --no-document --source https://rubygems.org --install-dir /opt/gems rake
# expect: dockerfile/pin-package-versions 40-73 "`golang.org/x/vuln/cmd/govulncheck@v1` does not fix a version for `go install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`golang.org/x/vuln/cmd/govulncheck@v<version>`)"
RUN go install -tags netgo -ldflags=-s golang.org/x/vuln/cmd/govulncheck@v1
# expect: dockerfile/pin-package-versions 137-142 "`isort` is installed by `pip install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`isort==<version>`)"
RUN pip install --no-cache-dir --target /opt/py --index-url https://pypi.org/simple black @ git+https://github.com/psf/black.git@24.4.2 isort

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
ARG CURL_VERSION
ARG EXTRA_PACKAGES
ARG BUILD_PACKAGES="make=4.3-4.1 git"
ENV TOOLS="jq"
# a pinned version from an ARG, a list without a value, and lists whose values are known
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=${CURL_VERSION} $EXTRA_PACKAGES \
# expect: dockerfile/pin-package-versions 7-24 "`git` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`git=<version>`)"
      ${BUILD_PACKAGES} \
# expect: dockerfile/pin-package-versions 7-15 "`jq` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`jq=<version>`)"
      "$TOOLS" \
 && rm -rf /var/lib/apt/lists/*
# substitutions and xargs are not read
RUN apt-get update \
 && apt-get install -y --no-install-recommends $(cat /tmp/packages.txt) \
 && xargs apt-get install -y --no-install-recommends < /tmp/packages.txt \
 && rm -rf /var/lib/apt/lists/*
RUN <<EOF
set -eux
apt-get update
# expect: dockerfile/pin-package-versions 44-48 "`tini` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`tini=<version>`)"
apt-get install -y --no-install-recommends tini \
  ca-certificates=20230311
rm -rf /var/lib/apt/lists/*
EOF
# expect: dockerfile/pin-package-versions 80-84 "`tini` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`tini=<version>`)"
RUN ["sh", "-c", "apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*"]
# expect: dockerfile/pin-package-versions 102-106 "`tini` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`tini=<version>`)"
# expect: dockerfile/pin-package-versions 109-115 "`procps` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`procps=<version>`)"
RUN apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends 'tini' "procps" && rm -rf /var/lib/apt/lists/*
# half-typed commands
RUN apt-get install --no-install-recommends && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir
RUN npm
RUN go install
RUN gem install --no-document
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
