FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
# expect: dockerfile/no-dist-upgrade 13-20 "`apt-get upgrade` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
 && apt-get upgrade -y \
# expect: dockerfile/no-dist-upgrade 16-28 "`apt-get dist-upgrade` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
 && apt-get -y dist-upgrade \
# expect: dockerfile/no-dist-upgrade 9-21 "`apt full-upgrade` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages"
 && apt full-upgrade -y \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
