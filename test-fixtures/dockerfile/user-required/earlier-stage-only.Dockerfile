FROM node:20.15.1-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
USER 10001
RUN echo build

# expect: dockerfile/user-required 1-104 "The final stage has no USER instruction, so the container runs as root"
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
HEALTHCHECK CMD ["node", "-e", "1"]
ENTRYPOINT ["node"]
