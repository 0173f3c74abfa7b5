# compound commands in a pipeline: a subshell, a { group } or a loop is one element of it
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/pipefail 17-65 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN (cd /tmp && curl -fsSL https://example.com/app.tar.gz) | tar -xz -C /opt
# expect: dockerfile/pipefail 5-52 "`curl` is piped into `(cd … tar)`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://example.com/app.tar.gz | (cd /opt && tar -xz)
# expect: dockerfile/pipefail 5-51 "`wget` is piped into `{ mkdir … tar; }`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN wget -qO- https://example.com/tools.tar.gz | { mkdir -p /opt/tools; tar -xz -C /opt/tools; }
# expect: dockerfile/pipefail 5-77 "`curl` is piped through `{ read … cat; }` into `sort`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://example.com/list.txt | { read -r first; cat; } | sort -u > /etc/app/list
# expect: dockerfile/pipefail 22-57 "`cat` is piped into `sort`: without pipefail a failure of `cat` does not fail the RUN, so its missing or partial output is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN for f in a b; do cat "/etc/app/$f.conf"; done | sort > /etc/app/all.conf
# nothing can fail in front of the pipe, or the reader stops early, or the failure is ignored on purpose
RUN { echo "first"; printf '%s\n' second; } | tee /etc/app/lines
RUN (curl -fsSL https://example.com/version.txt) | head -n1 > /etc/app/version
RUN (cd /tmp && curl -fsSL https://example.com/app.tar.gz) | tar -xz -C /opt || true
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
