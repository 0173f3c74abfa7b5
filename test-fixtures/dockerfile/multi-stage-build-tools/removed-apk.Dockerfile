# apk's virtual package: everything added under .build-deps goes with it.
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 src/ /src/
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev=1.2.5-r0 make=4.4.1-r2 \
 && make -C /src install \
 && apk del --no-network .build-deps
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
