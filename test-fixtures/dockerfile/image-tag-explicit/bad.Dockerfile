# An untagged image means :latest, whatever that is on the day of the build.
ARG RUNTIME_BASE=gcr.io/distroless/static-debian12
# expect: dockerfile/image-tag-explicit 6-12 "Image golang has no tag or digest, so it pulls whatever "latest" is at build time: pin a version tag (and a digest)"
FROM golang AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

# a registry with a port: the colon is not a tag
# expect: dockerfile/image-tag-explicit 6-45 "Image registry.example.com:5000/tools/migrate has no tag or digest, so it pulls whatever "latest" is at build time: pin a version tag (and a digest)"
FROM registry.example.com:5000/tools/migrate AS migrate

# the global ARG default resolves to an untagged image
# expect: dockerfile/image-tag-explicit 6-21 "Image ${RUNTIME_BASE} (gcr.io/distroless/static-debian12) has no tag or digest, so it pulls whatever "latest" is at build time: pin a version tag (and a digest)"
FROM ${RUNTIME_BASE}
COPY --from=build /out/app /app
COPY --from=migrate /migrate /migrate
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
