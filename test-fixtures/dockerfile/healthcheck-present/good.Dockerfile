FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --chown=10001:10001 server.js health.js ./
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["node", "/app/health.js"]
CMD ["node", "server.js"]
