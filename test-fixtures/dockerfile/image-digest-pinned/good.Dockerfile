ARG NODE_IMAGE=node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/

FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
