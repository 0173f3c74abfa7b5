# sudo inside continuations with comments, sh -c, heredocs, exec form and after other wrappers
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN set -eux; \
    # refresh the index
# expect: dockerfile/no-sudo 5-9 "`sudo apt-get`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
    sudo \
      apt-get update; \
# expect: dockerfile/no-sudo 5-9 "`sudo apt-get`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
    sudo -- apt-get install -y --no-install-recommends ca-certificates=20230311 || true; \
# expect: dockerfile/no-sudo 5-9 "`sudo rm`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
    sudo rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-sudo 12-16 "`sudo ldconfig`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN sh -c "sudo ldconfig && echo done"
RUN <<EOF
# expect: dockerfile/no-sudo 1-5 "`sudo ldconfig`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
sudo ldconfig
EOF
# expect: dockerfile/no-sudo 7-11 "`sudo ldconfig`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN ["sudo", "ldconfig"]
# expect: dockerfile/no-sudo 15-19 "`sudo ldconfig`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN nice -n 5 sudo ldconfig
# expect: dockerfile/no-sudo 16-20 "`sudo true`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN timeout 60 sudo -u nobody true
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
