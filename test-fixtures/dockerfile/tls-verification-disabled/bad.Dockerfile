FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u6 wget=1.21.3-1+b2 git=1:2.39.2-1.1 \
 && rm -rf /var/lib/apt/lists/*
# expect: dockerfile/tls-verification-disabled 10-12 "`curl -k` accepts any TLS certificate, so the download can be swapped in transit"
RUN curl -k -o /tmp/tool.tgz https://downloads.example.com/tool.tgz
# expect: dockerfile/tls-verification-disabled 10-16 "`curl -fsSLk` includes -k, which accepts any TLS certificate, so the download can be swapped in transit"
RUN curl -fsSLk https://downloads.example.com/tool.tgz -o /tmp/tool.tgz
# expect: dockerfile/tls-verification-disabled 10-20 "`curl --insecure` accepts any TLS certificate, so the download can be swapped in transit"
RUN curl --insecure -fsSL -o /tmp/tool.tgz https://downloads.example.com/tool.tgz
# expect: dockerfile/tls-verification-disabled 10-32 "`wget --no-check-certificate` accepts any TLS certificate, so the download can be swapped in transit"
RUN wget --no-check-certificate -q -O /tmp/tool.tgz https://downloads.example.com/tool.tgz
# expect: dockerfile/tls-verification-disabled 12-32 "`git -c http.sslVerify=false` turns off TLS certificate checks"
RUN git -c http.sslVerify=false clone https://git.example.com/app.git /src
# expect: dockerfile/tls-verification-disabled 25-45 "`git config http.sslVerify false` turns off TLS certificate checks for git"
RUN git config --global http.sslVerify false
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
