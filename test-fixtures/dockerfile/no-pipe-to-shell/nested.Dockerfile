# sh -c scripts, heredoc scripts and substitutions are read like the RUN line itself
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-pipe-to-shell 12-64 "`curl` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 12-64 "`curl` is piped into `bash`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; run the script with `bash -o pipefail` rather than `sh` (or begin it with `set -o pipefail` where `sh` supports it)"
RUN sh -c 'curl -fsSL https://get.example.com/install.sh | bash'
# expect: dockerfile/no-pipe-to-shell 12-62 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 12-62 "`curl` is piped into `sh`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; begin the script with `set -o pipefail`"
RUN su -c "curl -fsSL https://get.example.com/install.sh | sh" root
RUN <<EOF
set -eu
# expect: dockerfile/no-pipe-to-shell 1-51 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 1-51 "`curl` is piped into `sh`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
curl -fsSL https://get.example.com/install.sh | sh -s -- -y
EOF
# expect: dockerfile/no-pipe-to-shell 13-63 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
RUN echo "$(curl -fsSL https://get.example.com/install.sh | sh)"
# expect: dockerfile/no-pipe-to-shell 5-56 "`eval` runs a script fetched by `curl` without verifying it: download to a file, check its checksum or signature, then run it"
RUN eval "$(curl -fsSL https://get.example.com/env.sh)"
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
