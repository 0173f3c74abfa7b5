# Pipelines whose first command's failure the RUN does not see: /bin/sh (dash) runs them without pipefail
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 gnupg=2.2.40-1.1 jq=1.6-2.1 wget=1.21.3-1+b2 \
 && rm -rf /var/lib/apt/lists/*
# a partial installer runs (no-pipe-to-shell reports the same pipeline for running unverified code)
# expect: dockerfile/no-pipe-to-shell 5-55 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/pipefail 5-55 "`curl` is piped into `sh`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://get.example.com/install.sh | sh
# a truncated archive is half extracted
# expect: dockerfile/pipefail 5-79 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN wget -qO- https://downloads.example.com/app-1.4.2-linux-amd64.tar.gz | tar -xz -C /opt
# an empty key is written
# expect: dockerfile/pipefail 5-58 "`curl` is piped into `gpg`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://packages.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
# one finding per pipeline; the echo into sha256sum is fine (echo does not fail, the check's status is the pipeline's)
# expect: dockerfile/pipefail 5-69 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://downloads.example.com/tool-2.0.1.tar.gz | tar -xz -C /usr/local/bin tool \
# expect: dockerfile/pipefail 5-91 "`curl` is piped through `grep` into `cut`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
 && curl -fsSL https://downloads.example.com/SHA256SUMS | grep ' tool-2.0.1.tar.gz$' | cut -d' ' -f1 > /tmp/tool.sha256 \
 && echo "$(cat /tmp/tool.sha256)  /usr/local/bin/tool" | sha256sum -c -
# a file that may be missing
# expect: dockerfile/pipefail 5-33 "`cat` is piped into `xargs`: without pipefail a failure of `cat` does not fail the RUN, so its missing or partial output is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN cat /tmp/plugins.txt | xargs -r -n1 /opt/app/bin/install-plugin
# expect: dockerfile/pipefail 5-36 "`cat` is piped into `while`: without pipefail a failure of `cat` does not fail the RUN, so its missing or partial output is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN cat /etc/app/hosts.list | while read -r host; do echo "$host" >> /etc/hosts; done
# a fallback that only runs when tar fails
# expect: dockerfile/pipefail 5-64 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN wget -qO- https://downloads.example.com/extras.tar.gz | tar -xz -C /opt || echo "extras not installed"
# pipefail set after the pipeline, or only in a branch
# expect: dockerfile/pipefail 5-63 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://downloads.example.com/data.tar.gz | tar -xz -C /srv && set -o pipefail
RUN if [ -n "$BASH_VERSION" ]; then set -o pipefail; fi \
# expect: dockerfile/pipefail 5-63 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
 && curl -fsSL https://downloads.example.com/data.tar.gz | tar -xz -C /srv
# a bare assignment takes its status from the substitution: an empty VERSION goes on into the next command
# expect: dockerfile/pipefail 16-71 "`curl` is piped into `jq`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN VERSION="$(curl -fsSL https://api.example.com/releases/latest | jq -r .tag_name)" \
 && curl -fsSLo /tmp/app.deb "https://downloads.example.com/app_${VERSION}_amd64.deb"
# sh -c and heredoc scripts run without pipefail too
# expect: dockerfile/pipefail 12-68 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; run the script with `bash -o pipefail` rather than `sh` (or begin it with `set -o pipefail` where `sh` supports it)"
RUN sh -c 'wget -qO- https://downloads.example.com/cli.tar.gz | tar -xz -C /usr/local/bin'
RUN <<EOF
set -eu
# expect: dockerfile/pipefail 1-61 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
curl -fsSL https://downloads.example.com/assets.tar.gz | tar -xz -C /srv/www
EOF
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
