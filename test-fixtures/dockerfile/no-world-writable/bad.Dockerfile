FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app /app
# expect: dockerfile/no-world-writable 11-14 "`chmod 777` lets every user in the container write to these files"
RUN chmod 777 /app/data
# expect: dockerfile/no-world-writable 14-18 "`chmod 0777` lets every user in the container write to these files"
# expect: dockerfile/no-world-writable 41-44 "`chmod 666` lets every user in the container write to these files"
RUN chmod -R 0777 /var/log/app && chmod 666 /app/config.yml
# expect: dockerfile/no-world-writable 11-14 "`chmod o+w` lets every user in the container write to these files"
# expect: dockerfile/no-world-writable 35-40 "`chmod a+rwx` lets every user in the container write to these files"
RUN chmod o+w /app/uploads; chmod a+rwx /app/run
# expect: dockerfile/no-world-writable 14-21 "`chmod ugo=rwx` lets every user in the container write to these files"
RUN chmod -R ugo=rwx /srv/shared || true
# expect: dockerfile/no-world-writable 19-23 "`install -m 0777` lets every user in the container write to these files"
# expect: dockerfile/no-world-writable 58-61 "`mkdir --mode=777` lets every user in the container write to these files"
RUN install -d -m 0777 /var/cache/app && mkdir -p --mode=777 /var/spool/app
# expect: dockerfile/no-world-writable 43-46 "`chmod 777` lets every user in the container write to these files"
RUN find /app/plugins -type d -exec chmod 777 {} +
# expect: dockerfile/no-world-writable 18-23 "`chmod 777` lets every user in the container write to these files"
RUN sh -c 'chmod "777" /app/tmp'
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
