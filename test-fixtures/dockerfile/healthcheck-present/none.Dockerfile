# HEALTHCHECK NONE is a recorded decision (Kubernetes probes the container instead): no finding.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 server.js /app/server.js
USER 10001:10001
HEALTHCHECK NONE
CMD ["node", "/app/server.js"]
