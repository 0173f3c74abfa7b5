FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN <<EOF
set -eux
apt-get update
# expect: dockerfile/no-install-recommends 9-16 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
apt-get install -y \
  ca-certificates=20230311 \
  curl=7.88.1-10+deb12u6
rm -rf /var/lib/apt/lists/*
EOF
# expect: dockerfile/no-install-recommends 18-25 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
# expect: dockerfile/package-cache-cleanup 18-25 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
RUN ["apt-get", "install", "-y", "tini=0.19.0-1"]
# expect: dockerfile/no-install-recommends 38-45 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
RUN sh -c "apt-get update && apt-get install -y tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*"
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
