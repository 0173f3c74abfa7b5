FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-pipe-to-shell 5-55 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-55 "`curl` is piped into `sh`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://get.example.com/install.sh | sh
# expect: dockerfile/no-pipe-to-shell 5-56 "`wget` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-56 "`wget` is piped into `bash`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN wget -qO- https://get.example.com/install.sh | bash -s -- --version 1.2.3
# expect: dockerfile/no-pipe-to-shell 5-88 "`curl` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-88 "`curl` is piped through `tee` into `bash`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
# expect: dockerfile/no-sudo 76-80 "`sudo bash`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN curl -fsSL https://get.example.com/install.sh | tee /tmp/install.log | sudo -E bash -
# expect: dockerfile/no-pipe-to-shell 5-61 "`sh` runs a script fetched by `curl` without verifying it: download to a file, check its checksum or signature, then run it"
RUN sh -c "$(curl -fsSL https://get.example.com/install.sh)"
# expect: dockerfile/no-pipe-to-shell 5-58 "`bash` runs a script fetched by `curl` without verifying it: download to a file, check its checksum or signature, then run it"
RUN bash <(curl -fsSL https://get.example.com/install.sh)
# expect: dockerfile/no-pipe-to-shell 5-58 "`curl` output is piped into `python3` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-58 "`curl` is piped into `python3`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://get.example.com/setup.py | python3 -
RUN set -eux; \
# expect: dockerfile/no-pipe-to-shell 5-+3:9 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-+3:9 "`curl` is piped into `sh`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
    curl -fsSL \
      # the vendor's installer
      https://get.example.com/install.sh \
    | sh
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
