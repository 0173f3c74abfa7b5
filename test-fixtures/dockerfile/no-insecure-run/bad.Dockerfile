# syntax=docker/dockerfile:1-labs
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-insecure-run 5-24 "`--security=insecure` runs this step with full privileges on the build host"
RUN --security=insecure mount -t tmpfs none /mnt
# expect: dockerfile/no-insecure-run 44-63 "`--security=insecure` runs this step with full privileges on the build host"
RUN --mount=type=cache,target=/root/.cache --security=insecure \
    /app/build.sh
# expect: dockerfile/no-insecure-run 5-24 "`--security=insecure` runs this step with full privileges on the build host"
RUN --security=insecure ["/app/build.sh"]
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
