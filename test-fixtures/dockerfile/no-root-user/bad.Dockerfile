FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
USER node
COPY --chown=10001:10001 server.js ./
# expect: dockerfile/no-root-user 6-10 "The final image runs as root (USER root)"
USER root
HEALTHCHECK CMD ["node", "-e", "1"]
CMD ["node", "server.js"]
