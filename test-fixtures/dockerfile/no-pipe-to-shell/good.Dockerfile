FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 \
 && rm -rf /var/lib/apt/lists/*
# download, verify, then run
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
 && echo "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh \
 && rm /tmp/install.sh
# piped into tools that do not execute it
RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
RUN curl -fsSL https://example.com/release.json | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])'
# output written to a file: nothing reaches the shell through the pipe
RUN curl -fsSL -o /tmp/install.sh https://get.example.com/install.sh | sh
RUN wget https://get.example.com/install.sh | sh
# the download is printed, not run
RUN echo "$(curl -fsSL https://example.com/version.txt)" > /etc/app-version
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
