# The build argument's default is the alpine variant of the node image.
ARG BASE=node:20.15.1-alpine3.20@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
FROM ${BASE}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/
USER 10001:10001
HEALTHCHECK CMD ["node", "/app/src/health.js"]
CMD ["node", "/app/src/server.js"]
