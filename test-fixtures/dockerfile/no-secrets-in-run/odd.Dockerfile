# Secrets in heredocs, sh -c bodies, exec form, substitutions, find -exec, wrappers and continuations (all fake).
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS fetch
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u12 default-mysql-client=1.1.0 sudo=1.9.13p3-1+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# a heredoc script is read as commands
RUN <<EOF
set -eux
# expect: dockerfile/no-secrets-in-run 22-35 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
curl -fsSL -u ci-bot:fakeHeredocPw -o a.tar.gz https://artifacts.example.com/a.tar.gz
curl -fsSL -u "ci-bot:${ARTIFACTS_PASSWORD}" -o b.tar.gz https://artifacts.example.com/b.tar.gz
EOF
# a heredoc fed to a command is data: its lines are searched
RUN cat <<'EOF' > /root/.npmrc
# expect: dockerfile/no-secrets-in-run 34-56 "A heredoc of this RUN holds a literal npm `_authToken`: a RUN's heredoc is part of the instruction, kept in the Dockerfile and the build cache, and a file it writes stays in the image layer; rotate it (the images built so far carry it), then mount the registry configuration as a secret for the install only, e.g. `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`"
//registry.npmjs.org/:_authToken=fake-heredoc-npm-token
//npm.pkg.github.com/:_authToken=${GH_PACKAGES_TOKEN}
EOF
RUN cat <<EOF > /root/.ssh/id_rsa
# expect: dockerfile/no-secrets-in-run 1-+2:30 "A heredoc of this RUN holds a private key in clear text: a RUN's heredoc is part of the instruction, kept in the Dockerfile and the build cache, and a file it writes stays in the image layer; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAfakefakefakefake
-----END RSA PRIVATE KEY-----
EOF
# sh -c bodies, in shell and exec form
# expect: dockerfile/no-secrets-in-run 33-41 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN sh -c 'curl -fsSL -u ci-bot:fakeShPw -o c.tar.gz https://artifacts.example.com/c.tar.gz'
# expect: dockerfile/no-secrets-in-run 62-76 "`curl` is given an `Authorization: Bearer` header with a literal credential: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN ["/bin/sh", "-c", "curl -fsSL -H \"Authorization: Bearer fakeExecToken1\" -o d.json https://api.example.com/d"]
# expect: dockerfile/no-secrets-in-run 41-51 "`curl --user` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN ["curl", "-fsSL", "--user", "ci-bot:fakeExecPw", "-o", "e.tar.gz", "https://artifacts.example.com/e.tar.gz"]
# a command substitution, find -exec and a wrapper
# expect: dockerfile/no-secrets-in-run 39-50 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN TOKEN_JSON="$(curl -fsS -u ci-bot:fakeSubstPw https://auth.example.com/token)" && echo "$TOKEN_JSON" | head -c 0
# expect: dockerfile/no-secrets-in-run 56-66 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN find /src -name '*.url' -exec curl -fsSL -u ci-bot:fakeFindPw -K {} \;
# expect: dockerfile/no-sudo 5-9 "`sudo mysql`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
# expect: dockerfile/no-secrets-in-run 56-66 "`mysql -p` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put it in an option file on a secret mount and pass `--defaults-extra-file=/run/secrets/<id>` (`RUN --mount=type=secret,id=<id>`)"
RUN sudo -u nobody mysql -h db.example.com -u reader -pfakeSudoPw -e 'SELECT 1'
# a password split by a continuation, with a comment line inside
RUN curl -fsSL \
    # artifact store credentials
# expect: dockerfile/no-secrets-in-run 16-+1:7 "`curl -u` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
    -u "ci-bot:fake\
Split1" -o f.tar.gz https://artifacts.example.com/f.tar.gz
# a here-string on standard input
# expect: dockerfile/no-secrets-in-run 71-86 "`docker login --password-stdin` is given a literal password: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then feed it from a secret mount: `RUN --mount=type=secret,id=<id> docker login --password-stdin … < /run/secrets/<id>`"
RUN docker login -u ci-bot --password-stdin registry.example.com <<< 'fakeHereString1'
# not ours: account passwords are no-account-password's, and these -p and --password forms ask for the password
# expect: dockerfile/no-account-password 28-36 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN echo 'app:fakeAcct1' | chpasswd
RUN mysql -h db.example.com -u reader -p app < /dev/null || true
RUN mysql -h db.example.com -u reader --password app < /dev/null || true
RUN docker login -u ci-bot registry.example.com < /dev/null || true

FROM gcr.io/distroless/static-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=fetch --chown=10001:10001 /src /srv
USER 10001:10001
HEALTHCHECK CMD ["/srv/app", "healthcheck"]
ENTRYPOINT ["/srv/app"]
