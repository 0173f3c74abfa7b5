ARG RUNTIME_USER=0
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
ARG RUNTIME_USER
HEALTHCHECK CMD ["node", "-e", "1"]
# expect: dockerfile/no-root-user 6-21 "The final image runs as root (USER ${RUNTIME_USER})"
USER ${RUNTIME_USER}:0
CMD ["node", "server.js"]
