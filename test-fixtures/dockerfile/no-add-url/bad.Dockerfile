FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-add-url 17-79 "ADD downloads https://github.com/krallin/tini/releases/download/v0.19.0/tini without --checksum, so whatever the server returns goes into the image: add `--checksum=sha256:<digest>` or download and verify it in a RUN"
ADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
# expect: dockerfile/no-add-url 5-34 "ADD downloads http://pki.example.com/ca.pem over plain HTTP without --checksum, so whatever the server returns goes into the image: add `--checksum=sha256:<digest>` or download and verify it in a RUN"
ADD http://pki.example.com/ca.pem /usr/local/share/ca-certificates/example.crt
# expect: dockerfile/no-add-url 5-47 "ADD clones https://github.com/example/config.git#main at a branch or tag that can move: pin a full commit (https://github.com/example/config.git#<commit sha>)"
ADD https://github.com/example/config.git#main /etc/example/
USER 10001:10001
HEALTHCHECK CMD ["/tini", "--version"]
ENTRYPOINT ["/tini", "--"]
