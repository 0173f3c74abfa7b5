# A digest without a tag may name any variant of the repository (node's alpine and slim ones included).
FROM node@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --chown=10001:10001 src/ ./src/
USER 10001:10001
HEALTHCHECK CMD ["node", "/app/src/health.js"]
CMD ["node", "/app/src/server.js"]
