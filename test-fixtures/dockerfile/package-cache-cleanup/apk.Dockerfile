FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/package-cache-cleanup 9-12 "`apk add` without `--no-cache` keeps the package index in /var/cache/apk: add `--no-cache`"
RUN apk add ca-certificates=20240705-r0
# --no-cache, or the cache deleted in the same RUN
RUN apk add --no-cache tini=0.19.0-r3 && apk --no-cache add curl=8.9.0-r0
RUN apk update && apk add jq=1.7.1-r0 && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add git=2.45.2-r0
# expect: dockerfile/package-cache-cleanup 9-12 "`apk add` without `--no-cache` keeps the package index in /var/cache/apk: add `--no-cache`"
RUN apk add --virtual .build-deps gcc=13.2.1_git20240309-r0 \
 && make -C /src \
 && apk del .build-deps
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
