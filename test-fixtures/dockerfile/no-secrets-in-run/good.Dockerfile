# Credentials reach these RUNs from secret mounts and variables; the look-alikes below are not credentials.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fetch
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u12 default-mysql-client=1.1.0 git=1:2.39.5-0+deb12u2 openssh-client=1:9.2p1-2+deb12u6 sshpass=1.09-1 wget=1.21.3-1+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# the tools read the secret mount themselves: nothing is on the command line
RUN --mount=type=secret,id=netrc,target=/root/.netrc \
    curl -fsSL --netrc -o vendor.tar.gz https://artifacts.example.com/vendor/1.4.2/vendor.tar.gz
RUN --mount=type=secret,id=api_header \
    curl -fsSL -H @/run/secrets/api_header -o release.json https://api.example.com/v1/releases/latest
RUN --mount=type=secret,id=db_password \
    sshpass -f /run/secrets/db_password scp -P 2222 deploy@build.example.com:/srv/assets.tar.gz . \
    && mysql --defaults-extra-file=/run/secrets/db_password -h db.example.com -e 'SELECT 1'
# variables set from a secret, or the secret file read where it is used
RUN --mount=type=secret,id=gh_token,env=GITHUB_TOKEN \
    git config --global url."https://${GITHUB_TOKEN}:x-oauth-basic@github.com/".insteadOf "https://github.com/" \
    && git clone --depth 1 "https://x-access-token:${GITHUB_TOKEN}@github.com/example/lib.git" lib \
    && curl -fsSL -H "Authorization: Bearer $GITHUB_TOKEN" -o lib.json https://api.github.com/repos/example/lib \
    && curl -fsSL -u "example-bot:$(cat /run/secrets/gh_token)" -o notes.md https://api.github.com/repos/example/lib/readme
RUN --mount=type=secret,id=db_password \
    PGPASSWORD="$(cat /run/secrets/db_password)" wget -q --user=ci-bot --password="$(cat /run/secrets/db_password)" -O schema.sql https://artifacts.example.com/schema.sql
# no password at all: curl asks for one, an empty one is empty, a URL that names only a user
RUN curl -fsSL -u anonymous -o LICENSE https://ftp.example.com/pub/LICENSE \
    && curl -fsSL -u 'guest:' -o README https://ftp.example.com/pub/README \
    && git clone --depth 1 https://oauth2@gitlab.example.com/example/tools.git tools \
    && git clone --depth 1 https://${GITLAB_USER}@gitlab.example.com/example/docs.git docs \
    && curl -fsSL -o mirror.lst ftp://anonymous:guest@ftp.example.com/pub/mirror.lst
# -p that is not a password
RUN mkdir -p /src/bin \
    && ssh -p 2222 -o BatchMode=yes deploy@build.example.com true \
    && cp -p tools/bin/* /src/bin/
# examples and templates
RUN printf '%s\n' '# copy to ~/.npmrc and fill in your token' '//registry.npmjs.org/:_authToken=<token>' > /src/npmrc.template \
    && printf '%s\n' '[default]' 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' 'aws_secret_access_key = <secret-key>' > /src/aws-credentials.template \
    && printf '%s\n' 'machine github.com login example-bot password changeme' > /src/netrc.template \
    && printf '%s\n' 'git clone https://user:****@git.example.com/repo.git' > /src/CLONING.txt

FROM alpine/helm:3.15.2@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS charts
RUN --mount=type=secret,id=ghcr_token \
    helm registry login ghcr.io -u example-bot --password-stdin < /run/secrets/ghcr_token \
    && helm pull oci://ghcr.io/example/charts/api --version 1.8.0 --destination /charts
RUN --mount=type=secret,id=ghcr_token,env=GHCR_TOKEN \
    echo "$GHCR_TOKEN" | helm registry login ghcr.io -u example-bot --password-stdin

FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}" > .npmrc \
    && npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" \
    && npm ci --omit=dev \
    && rm -f .npmrc
# throwaway values that only let the build step run: a dummy key, the build's own database
RUN SECRET_KEY=dummy DATABASE_URL=postgres://postgres:postgres@localhost:5432/app NODE_ENV=production npm run build
COPY --chown=10001:10001 src/ ./src/

FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=fetch --chown=10001:10001 /src /srv
COPY --from=charts --chown=10001:10001 /charts /charts
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
