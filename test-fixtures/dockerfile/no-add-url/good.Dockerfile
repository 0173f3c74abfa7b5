FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
ADD --chmod=755 --checksum=sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
# a Git source pinned to a full commit
ADD https://github.com/example/config.git#3f786850e387550fdab836ed7e6dc881de23001b /etc/example/
USER 10001:10001
HEALTHCHECK CMD ["/tini", "--version"]
ENTRYPOINT ["/tini", "--"]
