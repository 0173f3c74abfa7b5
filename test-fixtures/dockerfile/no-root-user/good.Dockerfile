FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
USER root
RUN echo "root only while building"

FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
USER root
RUN echo "root for this step"
USER 10001:10001
HEALTHCHECK CMD ["node", "-e", "1"]
CMD ["node", "server.js"]
