# Packages installed by name alone, or with a version that moves, in every package manager the rule reads.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS debian
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates=20230311 \
# expect: dockerfile/pin-package-versions 7-11 "`curl` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`curl=<version>`)"
      curl \
# expect: dockerfile/pin-package-versions 7-10 "`git/bookworm-backports` does not fix a version for `apt-get install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`git=<version>`)"
      git/bookworm-backports \
 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20.2@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 AS alpine
# expect: dockerfile/pin-package-versions 64-67 "`git` is installed by `apk add` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`git=<version>`)"
RUN apk add --no-cache --virtual .build-deps build-base=0.5-r3 git

FROM rockylinux:9.3@sha256:d7be1c094cc5845ee815d4632fe377514ee6ebcf8efaed6892889657e5ddaaa6 AS rocky
# expect: dockerfile/pin-package-versions 33-44 "`python3-pip` is installed by `dnf install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`python3-pip-<version>`)"
# expect: dockerfile/pin-package-versions 45-60 "`java-17-openjdk` is installed by `dnf install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`java-17-openjdk-<version>`)"
RUN dnf install -y nginx-1.20.1 python3-pip java-17-openjdk && dnf clean all
# expect: dockerfile/pin-package-versions 20-32 "`epel-release` is installed by `yum install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`epel-release-<version>`)"
RUN yum install -y epel-release && yum clean all
# expect: dockerfile/pin-package-versions 25-28 "`tar` is installed by `microdnf install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`tar-<version>`)"
RUN microdnf install -y tar && microdnf clean all

FROM opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS suse
# expect: dockerfile/pin-package-versions 41-44 "`vim` is installed by `zypper install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`vim=<version>`)"
# expect: dockerfile/pin-package-versions 46-50 "`curl>=8` does not fix a version for `zypper install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`curl=<version>`)"
RUN zypper --non-interactive install -y vim 'curl>=8' && zypper clean --all

FROM python:3.12.4-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS python
# expect: dockerfile/pin-package-versions 32-40 "`requests` is installed by `pip install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`requests==<version>`)"
# expect: dockerfile/pin-package-versions 42-59 "`uvicorn[standard]` is installed by `pip install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`uvicorn[standard]==<version>`)"
# expect: dockerfile/pin-package-versions 62-72 "`setuptools>=65` does not fix a version for `pip install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`setuptools==<version>`)"
RUN pip install --no-cache-dir requests 'uvicorn[standard]' 'setuptools>=65' flask==3.0.3 \
# expect: dockerfile/pin-package-versions 5-41 "`git+https://github.com/psf/black.git` does not fix a version for `pip install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`git+https://github.com/psf/black.git@<commit>`)"
    git+https://github.com/psf/black.git
# expect: dockerfile/pin-package-versions 57-65 "`gunicorn` is installed by `pip install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`gunicorn==<version>`)"
RUN python3 -m pip install --no-cache-dir --upgrade pip gunicorn

FROM node:20.15.1-alpine3.20@sha256:34b7aa411056c85dbf71d240d26516949b3f72b318d796c26b57caaed96dc1b4 AS node
# expect: dockerfile/pin-package-versions 20-24 "`pnpm` is installed by `npm install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`pnpm@<version>`)"
# expect: dockerfile/pin-package-versions 25-37 "`@angular/cli@latest` does not fix a version for `npm install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`@angular/cli@<version>`)"
# expect: dockerfile/pin-package-versions 45-55 "`typescript@^5.4` does not fix a version for `npm install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`typescript@<version>`)"
RUN npm install -g pnpm @angular/cli@latest typescript@^5.4 npm@10.8.2 && npm cache clean --force

FROM ruby:3.3.4-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS ruby
# expect: dockerfile/pin-package-versions 31-36 "`rails` is installed by `gem install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`rails:<version>`)"
RUN gem install --no-document rails bundler:2.5.11

FROM golang:1.22.5-alpine3.20@sha256:8c9183f715b0b4eca05b8b3dbf59766aaedb41ec07477b132ee2891ac0110a07 AS go
# expect: dockerfile/pin-package-versions 33-57 "`golang.org/x/tools/gopls@latest` does not fix a version for `go install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`golang.org/x/tools/gopls@v<version>`)"
RUN go install -ldflags "-s -w" golang.org/x/tools/gopls@latest github.com/go-delve/delve/cmd/dlv@v1.23.0 \
# expect: dockerfile/pin-package-versions 16-50 "`honnef.co/go/tools/cmd/staticcheck@master` does not fix a version for `go install`, so each build can get a different (possibly broken or compromised) release: pin an exact one (`honnef.co/go/tools/cmd/staticcheck@v<version>`)"
 && go install honnef.co/go/tools/cmd/staticcheck@master

FROM gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65
COPY --from=go /go/bin/ /usr/local/bin/
USER 65532:65532
HEALTHCHECK CMD ["/usr/local/bin/dlv", "version"]
ENTRYPOINT ["/usr/local/bin/dlv"]
