FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-sudo 5-9 "`sudo apt-get`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN sudo apt-get update \
# expect: dockerfile/no-sudo 5-9 "`sudo apt-get`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
 && sudo apt-get install -y --no-install-recommends ca-certificates=20230311 \
# expect: dockerfile/no-sudo 5-9 "`sudo rm`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
 && sudo rm -rf /var/lib/apt/lists/*
# expect: dockerfile/no-sudo 5-9 "`sudo mkdir`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN sudo -u www-data mkdir -p /var/www/cache
# expect: dockerfile/no-sudo 5-9 "`sudo sh`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN sudo -E -H sh -c 'echo "export APP_ENV=prod" >> /etc/profile'
# expect: dockerfile/no-sudo 5-18 "`sudo ldconfig`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN /usr/bin/sudo --preserve-env=PATH ldconfig
# expect: dockerfile/no-sudo 5-9 "`sudo` in RUN: the build already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
RUN sudo -v
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
