FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
# expect: dockerfile/no-install-recommends 13-20 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
 && apt-get install -y ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-install-recommends 37-44 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
RUN apt-get update && apt-get -y -q install curl=7.88.1-10+deb12u6 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-install-recommends 27-34 "`apt install` also installs recommended packages: add `--no-install-recommends`"
RUN apt-get update && apt install -y tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*
# -o with another setting does not turn recommends off
RUN apt-get update \
# expect: dockerfile/no-install-recommends 48-55 "`apt-get install` also installs recommended packages: add `--no-install-recommends`"
 && apt-get -o Dpkg::Options::=--force-confold install -y ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
