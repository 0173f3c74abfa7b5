# A secret build argument in a build stage only: its value stays in that stage's history and build cache,
# not in the final image, so the finding is reported as high rather than critical.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
# expect: dockerfile/no-secrets-in-env-arg 5-14 "Build argument NPM_TOKEN looks like a secret: values passed with --build-arg are kept in the image history of the instructions that use them; use `RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN` instead"
ARG NPM_TOKEN
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/

FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
