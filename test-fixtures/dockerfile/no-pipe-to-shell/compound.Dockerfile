# compound commands in a pipeline: a subshell, a { group }, a loop or an if is one element of it
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 \
 && rm -rf /var/lib/apt/lists/*
# the download in a subshell or a group, its output piped into a shell
# expect: dockerfile/no-pipe-to-shell 17-68 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
RUN (cd /tmp && curl -fsSL https://get.example.com/install.sh) | sh
# expect: dockerfile/no-pipe-to-shell 7-62 "`curl` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
RUN { curl -fsSL https://get.example.com/install.sh; } | bash -s -- --prefix /opt
# expect: dockerfile/no-pipe-to-shell 33-89 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
RUN for part in base extras; do curl -fsSL "https://get.example.com/$part.sh"; done | sh
# expect: dockerfile/no-pipe-to-shell 31-123 "`wget` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
# expect: dockerfile/no-pipe-to-shell 68-123 "`wget` output is piped into `bash` and run unverified: download to a file, check its checksum or signature, then run it"
RUN if [ -n "$MIRROR" ]; then wget -qO- "$MIRROR/install.sh"; else wget -qO- https://get.example.com/install.sh; fi | bash
# the shell in a subshell or a loop that reads the pipe
# expect: dockerfile/no-pipe-to-shell 5-67 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
RUN curl -fsSL https://get.example.com/install.sh | (cd /opt && sh)
# expect: dockerfile/no-pipe-to-shell 5-97 "`curl` output is piped into `sh` and run unverified: download to a file, check its checksum or signature, then run it"
RUN curl -fsSL https://get.example.com/installers.txt | while read -r line; do echo "$line" | sh; done
# not run: the download goes to a file, to a reader that is no shell, or the shell is not in the pipe
RUN (curl -fsSLo /tmp/install.sh https://get.example.com/install.sh && sh /tmp/install.sh) | tee /var/log/install.log
RUN { curl -fsSL https://get.example.com/install.sh > /tmp/install.sh; } | cat
RUN (curl -fsSL https://example.com/app.tar.gz) | tar -xz -C /opt
RUN (curl -fsSL https://example.com/notes.txt; sh -c 'echo done') | cat
RUN (curl -fsSL https://example.com/app.tar.gz) > /tmp/app.tar.gz | sh
RUN curl -fsSL https://example.com/app.tar.gz | (cd /opt && tar -xz)
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
