FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app /app
RUN chmod 755 /app/bin && chmod 0644 /app/config.yml
# sticky world-writable directories, like /tmp
RUN mkdir -p /app/tmp && chmod 1777 /app/tmp && chmod o+wt /app/spool
# +w without "who" is limited by the umask (022): others do not get write
RUN chmod +w /app/data && chmod g+w /app/data && chmod -R go-w /app && chmod u+x /app/run
RUN chmod --reference=/app/bin /app/run
RUN install -m 0755 /app/run /usr/local/bin/run
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
