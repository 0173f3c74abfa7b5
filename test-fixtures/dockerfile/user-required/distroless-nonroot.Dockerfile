# distroless :nonroot images already run as UID 65532: no finding.
FROM gcr.io/distroless/static-debian12:nonroot@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=65532:65532 app /app
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
