ARG NODE_VERSION=20.15.1
# expect: dockerfile/image-digest-pinned 6-40 "Image node:${NODE_VERSION}-bookworm-slim (node:20.15.1-bookworm-slim) is pinned by tag only, and tags can be re-pushed: add its digest (@sha256:…) so that every build uses the same image"
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/

# expect: dockerfile/image-digest-pinned 29-72 "Image gcr.io/distroless/nodejs20-debian12:nonroot is pinned by tag only, and tags can be re-pushed: add its digest (@sha256:…) so that every build uses the same image"
FROM --platform=linux/amd64 gcr.io/distroless/nodejs20-debian12:nonroot
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
