FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
EXPOSE 8080 8443/tcp
# 22/udp is not SSH, and 2222 is whatever the application makes of it
EXPOSE 22/udp 2222
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
