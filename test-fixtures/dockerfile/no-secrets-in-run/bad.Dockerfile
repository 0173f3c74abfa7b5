# Passwords and tokens handed to tools on a RUN's command line (every value here is fake).
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fetch
RUN apt-get update \
    && apt-get install -y --no-install-recommends apache2-utils=2.4.62-1~deb12u2 ca-certificates=20230311 curl=7.88.1-10+deb12u12 default-mysql-client=1.1.0 postgresql-client=15+248 sshpass=1.09-1 wget=1.21.3-1+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# expect: dockerfile/no-secrets-in-run 26-37 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN curl -fsSL -u ci-bot:hV7-fake-Pw -o vendor.tar.gz https://artifacts.example.com/vendor/1.4.2/vendor.tar.gz
# expect: dockerfile/no-secrets-in-run 42-66 "`curl` is given an `Authorization: Bearer` header with a literal credential: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN curl -fsSL -H "Authorization: Bearer 4f9c2e7a1b8d60354f9c2e7a" -o release.json https://api.example.com/v1/releases/latest
# expect: dockerfile/no-secrets-in-run 41-58 "`curl` is given a `PRIVATE-TOKEN` header with a literal token: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN curl -fsSL --header 'PRIVATE-TOKEN: fake-4f9c2e7a1b8d' -o project.json https://gitlab.example.com/api/v4/projects/42
# expect: dockerfile/no-secrets-in-run 39-51 "`wget --password` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put it in a wgetrc on a secret mount: `RUN --mount=type=secret,id=<id> wget --config=/run/secrets/<id> …`"
RUN wget -q --user=ci-bot --password='fake&Pw-2024' -O schema.sql https://artifacts.example.com/schema.sql
# expect: dockerfile/no-secrets-in-run 17-28 "`sshpass -p` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then let sshpass read it from a secret mount: `RUN --mount=type=secret,id=<id> sshpass -f /run/secrets/<id> …`"
RUN sshpass -p 'fake-ssh-Pw' scp -P 2222 deploy@build.example.com:/srv/assets.tar.gz .
# expect: dockerfile/no-secrets-in-run 45-54 "`mysqldump -p` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put it in an option file on a secret mount and pass `--defaults-extra-file=/run/secrets/<id>` (`RUN --mount=type=secret,id=<id>`)"
RUN mysqldump -h db.example.com -u reader -pfakeDbPw1 --no-data app > schema-mysql.sql
# expect: dockerfile/no-secrets-in-run 16-25 "`PGPASSWORD` is set to a literal secret: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then set it for this RUN only from a secret: `RUN --mount=type=secret,id=<id>,env=PGPASSWORD`"
RUN PGPASSWORD=fakePgPw1 pg_dump -h db.example.com -U reader --schema-only app > schema-pg.sql
# expect: dockerfile/no-secrets-in-run 39-51 "`htpasswd -b` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then let htpasswd read it from standard input: `RUN --mount=type=secret,id=<id> htpasswd -i … < /run/secrets/<id>`"
RUN htpasswd -bc /src/.htpasswd admin fakeAdminPw1

FROM docker:27.1.1-cli@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS mirror
# expect: dockerfile/no-secrets-in-run 31-46 "`docker login -p` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then give it to `docker login --password-stdin` from a secret mount: `RUN --mount=type=secret,id=<id> docker login --password-stdin … < /run/secrets/<id>`"
RUN docker login -u ci-bot -p fakeRegistryPw1 registry.example.com \
# expect: dockerfile/no-secrets-in-run 50-65 "`docker login --password` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then give it to `docker login --password-stdin` from a secret mount: `RUN --mount=type=secret,id=<id> docker login --password-stdin … < /run/secrets/<id>`"
    && docker login --username ci-bot --password=fakeRegistryPw2 ghcr.io
# expect: dockerfile/no-secrets-in-run 11-26 "`docker login --password-stdin` is given a literal password through `echo`: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then feed it from a secret mount: `RUN --mount=type=secret,id=<id> docker login --password-stdin … < /run/secrets/<id>`"
RUN echo 'fakeRegistryPw3' | docker login -u ci-bot --password-stdin quay.io

FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /app
COPY package.json package-lock.json ./
# expect: dockerfile/no-secrets-in-run 44-62 "`echo` is given a literal npm `_authToken`: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount the registry configuration as a secret for the install only, e.g. `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`"
RUN echo "//registry.npmjs.org/:_authToken=fake-5e0b-4c1d-npm" > .npmrc && npm ci --omit=dev && rm .npmrc
# expect: dockerfile/no-secrets-in-run 53-70 "`npm config set //npm.pkg.github.com/:_authToken` is given a literal registry credential: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount the registry configuration as a secret for the install only, e.g. `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`"
RUN npm config set //npm.pkg.github.com/:_authToken fake-gh-pkg-token && npm ci --omit=dev
COPY --chown=10001:10001 src/ ./src/

FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=fetch --chown=10001:10001 /src /srv
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/src/health.js"]
CMD ["/app/src/server.js"]
