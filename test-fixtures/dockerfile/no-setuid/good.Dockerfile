FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app /app
# the CIS remediation: strip setuid/setgid from everything
RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
RUN chmod 0755 /app/helper && chmod u-s,g-s /app/tool && chmod 1777 /app/tmp
# setgid on a new directory only makes files inherit its group
RUN mkdir -m 2775 /app/shared
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
