# Credentials in build stages: the final image leaves a stage out, unless a COPY --from brings the file along.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS deps
WORKDIR /app
# a registry configuration that the build deletes once npm is done: it holds the registry token
# expect: dockerfile/no-secret-files 37-43 "COPY of .npmrc writes a package registry configuration (a later RUN deletes it, so it holds a credential) into build stage "deps": the final image leaves that stage out, but its layers stay in the build cache and in any cache exported from the build. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=npmrc,target=/app/.npmrc`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && rm -f .npmrc

FROM node:20.15.1-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /src
COPY . .
# the production environment file, read by the bundler: the final image takes only dist/ and keys/
# expect: dockerfile/no-secret-files 6-21 "COPY of .env.production writes an environment file, which usually holds passwords and API keys, into build stage "build": the final image leaves that stage out, but its layers stay in the build cache and in any cache exported from the build. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=env-production,target=/src/.env.production`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY .env.production ./
RUN npm run build
# the token signing key, in a directory that the final image copies
# expect: dockerfile/no-secret-files 6-25 "COPY of jwt/jwt-private.pem writes a private key into build stage "build", which COPY --from copies into the final image: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=jwt-private,target=/src/keys/jwt-private.pem`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY jwt/jwt-private.pem ./keys/
# a key the build generates (ssh-keygen is in the full Debian image) is no less readable in the final image
RUN ssh-keygen -q -t ed25519 -N "" -f /src/deploy/id_ed25519

FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --from=deps --chown=10001:10001 /app/node_modules ./node_modules
COPY --from=build --chown=10001:10001 /src/dist ./dist
COPY --from=build --chown=10001:10001 /src/keys/ ./keys/
# expect: dockerfile/no-secret-files 39-61 "COPY of /src/deploy/id_ed25519 writes an SSH private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. Use `RUN --mount=type=ssh` for the build steps that need the key, give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY --from=build --chown=10001:10001 /src/deploy/id_ed25519 /home/app/.ssh/
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/dist/health.js"]
CMD ["/app/dist/server.js"]
