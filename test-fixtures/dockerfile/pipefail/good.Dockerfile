# pipefail in effect, or pipelines whose first command cannot fail in a way that matters
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 gnupg=2.2.40-1.1 \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://packages.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg

# the SHELL of the stage it is built on
FROM base AS build
RUN curl -fsSL https://downloads.example.com/app-1.4.2-linux-amd64.tar.gz | tar -xz -C /opt

# other spellings of the option
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS tools
SHELL ["/bin/bash", "-euxo", "pipefail", "-c"]
RUN curl -fsSL https://downloads.example.com/tool-2.0.1.tar.gz | tar -xz -C /usr/local/bin tool
SHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]
RUN curl -fsSL https://downloads.example.com/cli-0.9.tar.gz | tar -xz -C /usr/local/bin cli

FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS assets
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN wget -qO- https://downloads.example.com/assets-3.1.tar.gz | tar -xz -C /srv

# set -o pipefail at the top of the script (BusyBox ash supports it)
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fonts
RUN set -o pipefail && wget -qO- https://downloads.example.com/fonts.tar.gz | tar -xz -C /usr/share/fonts
RUN set -euxo pipefail; \
    wget -qO- https://downloads.example.com/icons.tar.gz | tar -xz -C /usr/share/icons
RUN <<EOF
set -eo pipefail
wget -qO- https://downloads.example.com/themes.tar.gz | tar -xz -C /usr/share/themes
EOF
# scripts run by a shell given -o pipefail
RUN ["/bin/ash", "-o", "pipefail", "-c", "wget -qO- https://downloads.example.com/cursors.tar.gz | tar -xz -C /usr/share/icons"]

FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN bash -o pipefail -c 'curl -fsSL https://downloads.example.com/app.tar.gz | tar -xz -C /opt'
RUN bash -c 'set -o pipefail; curl -fsSL https://downloads.example.com/plugins.tar.gz | tar -xz -C /opt/plugins'
RUN bash -eo pipefail <<EOF
curl -fsSL https://downloads.example.com/docs.tar.gz | tar -xz -C /usr/share/doc/app
EOF
# the first command only prints: the status of the pipeline is the check's
RUN echo "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  /opt/app.tar.gz" | sha256sum -c -
RUN printf 'tzdata tzdata/Areas select Etc\ntzdata tzdata/Zones/Etc select UTC\n' | debconf-set-selections
RUN { \
      echo 'locales locales/default_environment_locale select en_US.UTF-8'; \
      echo 'locales locales/locales_to_be_generated multiselect en_US.UTF-8 UTF-8'; \
    } | debconf-set-selections
RUN cat <<EOF | debconf-set-selections
keyboard-configuration keyboard-configuration/layoutcode string us
EOF
# yes always dies of SIGPIPE (pipefail would fail it); head and grep -q stop reading early, the same way
RUN yes | /opt/android-sdk/cmdline-tools/latest/bin/sdkmanager --licenses
RUN dpkg-query -W -f '${Package}\n' | grep -qx libssl3
RUN ls -1 /usr/share/zoneinfo | head -n 3 > /etc/zones.sample
# the pipeline's failure is ignored on purpose
RUN curl -fsSL https://downloads.example.com/optional.tar.gz | tar -xz -C /opt || true
# a pipeline in a substitution that is not a bare assignment: its status is not looked at, with or without pipefail
RUN echo "built from $(git -C /src rev-parse HEAD | cut -c1-12)" > /etc/app-build
# exec form: no shell, `|` is an argument
RUN ["/usr/bin/printf", "%s\n", "a | b"]
COPY --from=build --chown=10001:10001 /opt /opt
USER 10001:10001
HEALTHCHECK CMD ["/opt/app/bin/app", "healthcheck"]
ENTRYPOINT ["/opt/app/bin/app"]
