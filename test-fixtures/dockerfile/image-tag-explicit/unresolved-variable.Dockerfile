# The image comes from a build argument without a default: it is only known at build time, so no image rule
# can judge it (the CI that passes --build-arg BASE_IMAGE=… is where it is pinned).
ARG BASE_IMAGE
ARG TAG
FROM ${BASE_IMAGE}
FROM node:${TAG}
COPY --chown=10001:10001 server.js /app/server.js
USER 10001:10001
HEALTHCHECK CMD ["node", "/app/server.js", "--health"]
CMD ["node", "/app/server.js"]
