# Where a fix is offered (and where it is not)
FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
# a SHELL of bash: the fix adds -o pipefail to it
SHELL ["/bin/bash", "-c"]
# expect: dockerfile/pipefail 5-80 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `"-o", "pipefail"` to `SHELL ["/bin/bash", "-c"]`"
RUN curl -fsSL https://downloads.example.com/app-1.4.2-linux-amd64.tar.gz | tar -xz -C /opt

FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS scripts
# a bash script in the RUN: the fix adds -o pipefail to that bash
# expect: dockerfile/pipefail 14-75 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `-o pipefail` to the `bash` that runs the script (or begin the script with `set -o pipefail`)"
RUN bash -c 'curl -fsSL https://downloads.example.com/plugins.tar.gz | tar -xz -C /opt/plugins'
RUN bash -e <<EOF
# expect: dockerfile/pipefail 1-59 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `-o pipefail` to the `bash` that runs the script (or begin the script with `set -o pipefail`)"
curl -fsSL https://downloads.example.com/docs.tar.gz | tar -xz -C /usr/share/doc/app
EOF
# sh is not bash: no fix
# expect: dockerfile/pipefail 12-72 "`curl` is piped into `tar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; run the script with `bash -o pipefail` rather than `sh` (or begin it with `set -o pipefail` where `sh` supports it)"
RUN sh -c 'curl -fsSL https://downloads.example.com/themes.tar.gz | tar -xz -C /usr/share/themes'

FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS licenses
# no fix: a later RUN pipes yes, which pipefail would fail
# expect: dockerfile/pipefail 5-108 "`curl` is piped into `bsdtar`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://dl.google.com/android/repository/commandlinetools-linux-11076708_latest.zip | bsdtar -xf - -C /opt/android-sdk
RUN yes | /opt/android-sdk/cmdline-tools/bin/sdkmanager --sdk_root=/opt/android-sdk --licenses

FROM debian:12.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS motd
# no fix: bash's echo would print the \n that dash's echo turns into a new line
# expect: dockerfile/pipefail 5-60 "`curl` is piped into `tee`: without pipefail a failure of `curl` does not fail the RUN, so a failed or partial download is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
RUN curl -fsSL https://downloads.example.com/motd.txt | tee /etc/motd
RUN echo "Welcome\nBuilt by CI" >> /etc/motd

FROM gcr.io/distroless/static-debian12:nonroot@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build /opt/app /app
COPY --from=scripts /opt/plugins /app/plugins
COPY --from=licenses /opt/android-sdk/licenses /app/licenses
COPY --from=motd /etc/motd /etc/motd
USER 65532:65532
HEALTHCHECK CMD ["/app/bin/app", "healthcheck"]
ENTRYPOINT ["/app/bin/app"]
