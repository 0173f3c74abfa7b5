# Where the fix appends the clean-up: after the RUN's last apt command, keeping its operators.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/package-cache-cleanup 29-36 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
RUN apt-get update; apt-get install -y --no-install-recommends ca-certificates=20230311 || exit 1; update-ca-certificates
RUN set -e; \
    apt-get update; \
    # the runtime libraries
# expect: dockerfile/package-cache-cleanup 13-20 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
    apt-get install -y --no-install-recommends libssl3=3.0.13-1~deb12u1; \
    apt-get autoremove -y
# inside a pipeline the clean-up cannot be appended without changing what is piped
# expect: dockerfile/pipefail 23-85 "`apt-get` is piped into `tee`: without pipefail a failure of `apt-get` does not fail the RUN, so its missing or partial output is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
# expect: dockerfile/package-cache-cleanup 31-38 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 | tee /var/log/apt-install.log
# expect: dockerfile/package-cache-cleanup 38-45 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
RUN sh -c 'apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1' && jq --version
RUN <<EOF
apt-get update
# expect: dockerfile/package-cache-cleanup 9-16 "`apt-get install` leaves the package lists in /var/lib/apt/lists: end this RUN with `rm -rf /var/lib/apt/lists/*`"
apt-get install -y --no-install-recommends xz-utils=5.4.1-0.2
EOF
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
