FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# exactly the COPY destination, recursively, and nothing else writes there: the fix is safe
COPY --from=build /src/dist /srv/app
# expect: dockerfile/copy-chown 26-34 "chown of /srv/app, which COPY just added: set the owner while copying with `COPY --chown=10001:10001` instead of a separate chown, which duplicates every file into a new layer"
RUN chown -R 10001:10001 /srv/app
# a file the COPY named, in a RUN that does more: the fix removes only the chown, and is unsafe
COPY config.yml /etc/app/
# expect: dockerfile/copy-chown 50-69 "chown of /etc/app/config.yml, which COPY just added: set the owner while copying with `COPY --chown=10001:10001` instead of a separate chown, which duplicates every file into a new layer"
RUN mkdir -p /var/cache/app && chown 10001:10001 /etc/app/config.yml
# in a branch: reported, but removing `then chown …` would leave `if …; fi`, so no fix
COPY plugins /srv/plugins
# expect: dockerfile/copy-chown 55-67 "chown of /srv/plugins, which COPY just added: set the owner while copying with `COPY --chown=10001:10001` instead of a separate chown, which duplicates every file into a new layer"
RUN if [ -d /srv/plugins ]; then chown -R 10001:10001 /srv/plugins; fi
USER 10001:10001
HEALTHCHECK CMD ["node", "/srv/app/health.js"]
CMD ["node", "/srv/app/server.js"]
