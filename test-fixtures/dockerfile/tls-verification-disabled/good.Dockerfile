FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 git=1:2.39.2-1.1 \
 && rm -rf /var/lib/apt/lists/*
# a corporate CA added to the trust store instead of turning checks off
COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
RUN update-ca-certificates
# -H takes the next word as its value: "k: v" is a header, not -k
RUN curl -fsSLH "X-Token-Kind: k" -o /tmp/tool.tgz https://downloads.example.com/tool.tgz
RUN git config --global http.sslVerify true
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
