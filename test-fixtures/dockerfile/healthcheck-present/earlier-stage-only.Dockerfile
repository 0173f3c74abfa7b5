# A HEALTHCHECK in a build stage the final stage is not built on does not reach the final image.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
HEALTHCHECK CMD ["node", "-e", "1"]
RUN npm --version

# expect: dockerfile/healthcheck-present 1-113 "The final stage has no HEALTHCHECK, so a hung process still counts as healthy: add `HEALTHCHECK CMD …` (or `HEALTHCHECK NONE` when an orchestrator probes the container)"
FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 server.js /app/server.js
USER 10001:10001
CMD ["/app/server.js"]
