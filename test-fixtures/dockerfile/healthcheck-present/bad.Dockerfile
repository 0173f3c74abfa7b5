# expect: dockerfile/healthcheck-present 1-104 "The final stage has no HEALTHCHECK, so a hung process still counts as healthy: add `HEALTHCHECK CMD …` (or `HEALTHCHECK NONE` when an orchestrator probes the container)"
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --chown=10001:10001 server.js ./
USER 10001:10001
CMD ["node", "server.js"]
