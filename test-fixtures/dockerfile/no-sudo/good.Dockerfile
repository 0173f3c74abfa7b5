FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 gosu=1.14-1+b10 \
 && rm -rf /var/lib/apt/lists/*
# the word sudo as data and a `command -v` lookup do not run sudo
RUN echo "sudo is not used in this image" > /etc/motd \
 && if command -v sudo; then exit 1; fi
RUN gosu nobody true
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
