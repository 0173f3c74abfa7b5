FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/multi-stage-build-tools 24-41 "build-base is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/multi-stage-build-tools 42-54 "go is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
RUN apk add --no-cache build-base=0.5-r3 go=1.22.5-r0
COPY --chown=10001:10001 . /src/
RUN go build -C /src -o /usr/local/bin/app ./cmd/app
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
