# BusyBox accounts created without a password (-D, -S); a build secret read by something other than chpasswd.
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN addgroup -S -g 10001 app \
 && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app \
 && adduser -D -u 10002 sshuser \
 && passwd -l root \
 && printf 'y\n' | adduser -D -u 10003 tools
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    wc -c /root/.npmrc
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
