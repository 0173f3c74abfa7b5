FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/package-signature-check-disabled 10-73 "`[trusted=yes]` makes apt accept this repository's packages without any signature"
RUN echo "deb [trusted=yes] http://apt.example.com/debian bookworm main" > /etc/apt/sources.list.d/example.list
RUN apt-get update \
# expect: dockerfile/package-signature-check-disabled 48-71 "`--allow-unauthenticated` lets apt install packages that fail signature checks"
 && apt-get install -y --no-install-recommends --allow-unauthenticated example-agent=1.2.3 \
# expect: dockerfile/package-signature-check-disabled 48-59 "`--force-yes` makes apt install packages that fail signature checks (and override its other safety prompts)"
 && apt-get install -y --no-install-recommends --force-yes tini=0.19.0-1 \
# expect: dockerfile/package-signature-check-disabled 16-51 "`APT::Get::AllowUnauthenticated=true` lets apt install packages that fail signature checks"
 && apt-get -o APT::Get::AllowUnauthenticated=true install -y --no-install-recommends jq=1.6-2.1 \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
