FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app.py /opt/app/
# a directory no COPY wrote to
RUN mkdir -p /var/lib/app && chown 10001:10001 /var/lib/app
# the parent of what COPY wrote: more than the COPY, so not replaceable by --chown
COPY settings.toml /etc/app/conf.d/
RUN chown -R 10001:10001 /etc/app
# an owner only known to the shell
COPY seed.sql /docker-entrypoint-initdb.d/
RUN chown "$(id -u nobody)" /docker-entrypoint-initdb.d/seed.sql
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/opt/app/app.py"]
