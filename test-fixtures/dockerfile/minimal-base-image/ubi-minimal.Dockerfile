# Built on the standard UBI, run on UBI minimal (microdnf, no dnf or python).
FROM registry.access.redhat.com/ubi9/ubi:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
RUN dnf install -y gcc-13.2.1 make-4.3 \
 && dnf clean all
WORKDIR /src
COPY . .
RUN make build

FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=10001:10001 /src/bin/app /usr/local/bin/app
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/app", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/app"]
