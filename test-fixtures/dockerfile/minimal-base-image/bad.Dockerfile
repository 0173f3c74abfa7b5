# A Node.js service on the default node image: a complete Debian (compilers, apt, bash) ships with it.
# expect: dockerfile/minimal-base-image 6-90 "The final image is built on node:20.15.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Debian userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM node:20.15.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/
USER 10001:10001
HEALTHCHECK CMD ["node", "/app/src/health.js"]
CMD ["node", "/app/src/server.js"]
