# Pinned packages, and installs whose versions come from a file, a lockfile, a URL or a local path.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS debian
COPY vendor/tini_0.19.0-1_amd64.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates=20230311 \
      curl=7.88.1-10+deb12u6 \
      libpq5=15.* \
      /tmp/tini_0.19.0-1_amd64.deb \
 && apt-get purge -y --auto-remove wget \
 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20.2@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 AS alpine
RUN apk add --no-cache --virtual .build-deps build-base=0.5-r3 'git~2.45' 'openssl<3.4' 'zlib>=1.3,<1.4' \
 && apk del .build-deps curl

FROM fedora:40@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fedora
COPY vendor/app-1.0-1.x86_64.rpm /tmp/x.rpm
RUN dnf install -y nginx-1.24.0 java-17-openjdk-headless-17.0.11.0.9-3.fc40 /tmp/x.rpm \
      https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm @development-tools \
 && dnf remove -y vim-minimal \
 && dnf clean all

FROM opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS suse
RUN zypper --non-interactive install -y vim=9.1.0330 'curl<8.7' \
 && zypper --non-interactive install -y -t pattern devel_basis \
 && zypper clean --all

FROM python:3.12.4-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS python
WORKDIR /src
COPY . .
# the installer's own tooling is refreshed on purpose
RUN pip install --no-cache-dir --upgrade pip setuptools wheel
RUN pip install --no-cache-dir -r requirements.txt
RUN pip install --no-cache-dir -c constraints.txt gunicorn
RUN pip install --no-cache-dir . && pip install --no-cache-dir -e . && pip install --no-cache-dir ./libs/shared
RUN pip install --no-cache-dir dist/app-1.0-py3-none-any.whl vendor/lib-2.1.tar.gz \
      https://files.pythonhosted.org/packages/source/r/requests/requests-2.32.3.tar.gz \
      'black @ git+https://github.com/psf/black.git@24.4.2' \
      git+https://github.com/pallets/click.git@8.1.7#egg=click
RUN pip install --no-cache-dir requests==2.32.3 'uvicorn[standard]==0.30.1' 'numpy~=1.26.0' 'httpx>=0.27,<0.28' \
 && pip install --no-cache-dir --no-index --find-links /wheels app \
 && pip uninstall -y setuptools

FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS node
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm install && npm install --omit dev && npm install ./packages/shared \
 && npm install -g pnpm@9.1.0 @angular/cli@18.0.3 https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz \
      github:lodash/lodash#4.17.21 \
 && npm uninstall left-pad && npm cache clean --force

FROM ruby:3.3.4-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS ruby
RUN gem install --no-document bundler:2.5.11 && gem install --no-document rails -v 7.1.3 \
 && gem install --no-document vendor/cache/app-1.0.0.gem && gem uninstall minitest

FROM golang:1.22.5-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS go
WORKDIR /src
COPY . .
# without @version, go install builds the version this module's go.mod requires
RUN go install ./cmd/... && go install github.com/example/app/cmd/server \
 && go install -ldflags "-s -w" golang.org/x/tools/gopls@v0.16.1 honnef.co/go/tools/cmd/staticcheck@9e4e27b

FROM gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65
COPY --from=go /go/bin/ /usr/local/bin/
USER 65532:65532
HEALTHCHECK CMD ["/usr/local/bin/server", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]
