# The final stage is built on the stage that declares the HEALTHCHECK: no finding.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS base
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "/app/health.js"]

FROM base AS runtime
COPY --chown=10001:10001 server.js health.js /app/
USER 10001:10001
CMD ["node", "/app/server.js"]
