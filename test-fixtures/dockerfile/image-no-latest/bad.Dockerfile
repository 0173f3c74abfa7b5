ARG RUNTIME_TAG=latest
# expect: dockerfile/image-no-latest 11-17 "Image node:latest uses the "latest" tag, which the publisher moves with every release: pin a version tag (and a digest)"
FROM node:latest AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/

# the tag comes from the ARG default
# expect: dockerfile/image-no-latest 6-56 "Image gcr.io/distroless/nodejs20-debian12:${RUNTIME_TAG} (gcr.io/distroless/nodejs20-debian12:latest) uses the "latest" tag, which the publisher moves with every release: pin a version tag (and a digest)"
FROM gcr.io/distroless/nodejs20-debian12:${RUNTIME_TAG}
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
