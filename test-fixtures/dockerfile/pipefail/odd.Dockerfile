# Odd input: continuations with comments, a SHELL after the RUN, nested shells, data heredocs, half-typed pipes
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fetch
RUN set -eux; \
# expect: dockerfile/pipefail 5-+3:10 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/ash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail`)"
    wget -qO- \
      # the vendor's archive
      https://downloads.example.com/app-1.4.2.tar.gz \
    | tar -xz -C /opt
# a SHELL only counts for the RUNs after it
SHELL ["/bin/ash", "-o", "pipefail", "-c"]
RUN wget -qO- https://downloads.example.com/app-1.4.2.tar.gz | tar -xz -C /srv
# a nested shell is a new process: the SHELL's pipefail does not reach its script
# expect: dockerfile/pipefail 12-69 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; run the script with `bash -o pipefail` rather than `sh` (or begin it with `set -o pipefail` where `sh` supports it)"
RUN sh -c 'wget -qO- https://downloads.example.com/docs.tar.gz | tar -xz -C /usr/share/doc'
# and pipefail can be switched off again
# expect: dockerfile/pipefail 22-80 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; remove the `set +o pipefail` before it"
RUN set +o pipefail; wget -qO- https://downloads.example.com/extra.tar.gz | tar -xz -C /srv
# a script with a shebang runs with its own interpreter, not with the SHELL
RUN <<EOF
#!/bin/ash
# expect: dockerfile/pipefail 1-59 "`wget` is piped into `tar`: without pipefail a failure of `wget` does not fail the RUN, so a failed or partial download is used; add `set -o pipefail` at the start of the script"
wget -qO- https://downloads.example.com/theme.tar.gz | tar -xz -C /srv
EOF
# not shell: a Python script and data written to a file
RUN <<EOF
#!/usr/bin/env python3
print(0x0F | 0xF0)
EOF
RUN cat <<EOF > /etc/app/filters.conf
access.log | gzip | archive
EOF
# half-typed: a pipe with nothing after it, or nothing before it
RUN wget -qO- https://downloads.example.com/app-1.4.2.tar.gz |
RUN | tar -xz -C /srv

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS shells
# a SHELL in the shell form is not valid (Docker requires JSON): the default shell stays
SHELL /bin/bash -o pipefail -c
# expect: dockerfile/pipefail 5-60 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://downloads.example.com/a.tar.gz | tar -xz -C /opt
# an explicit /bin/sh
SHELL ["/bin/sh", "-c"]
# expect: dockerfile/pipefail 5-60 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` instead of `SHELL ["/bin/sh", "-c"]` (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://downloads.example.com/b.tar.gz | tar -xz -C /opt
# zsh takes -o pipefail too
SHELL ["/usr/bin/zsh", "-c"]
# expect: dockerfile/pipefail 5-60 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `"-o", "pipefail"` to `SHELL ["/usr/bin/zsh", "-c"]`"
RUN curl -fsSL https://downloads.example.com/c.tar.gz | tar -xz -C /opt
# a command named by a variable
ARG FETCH="curl -fsSL"
# expect: dockerfile/pipefail 5-56 "`$FETCH` is piped into `tar`: without pipefail a failure of `$FETCH` does not fail the RUN, so its missing or partial output is used; add `"-o", "pipefail"` to `SHELL ["/usr/bin/zsh", "-c"]`"
RUN $FETCH https://downloads.example.com/e.tar.gz | tar -xz -C /opt
# bash's |& pipes stderr too
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# expect: dockerfile/pipefail 14-70 "`curl` is piped into `tee`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `-o pipefail` to the `bash` that runs the script (or begin the script with `set -o pipefail`)"
RUN bash -c 'curl -fsSL https://downloads.example.com/d.tar.gz |& tee /var/log/d.log'

FROM gcr.io/distroless/static-debian12:nonroot@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=fetch /opt/app /app
USER 65532:65532
HEALTHCHECK CMD ["/app/bin/app", "healthcheck"]
ENTRYPOINT ["/app/bin/app"]
