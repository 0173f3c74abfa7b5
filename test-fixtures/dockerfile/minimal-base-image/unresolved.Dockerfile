# The base image is only known at build time (from --build-arg): not judged.
ARG BASE
FROM ${BASE}
COPY --chown=10001:10001 app /usr/local/bin/app
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
