# A hardened image: public certificates and keys, templates, code and a secret mount; no credential in a layer.
FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /app
# the registry settings hold only a `${NPM_TOKEN}` placeholder; the token comes from a secret mount
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev
# a private registry configuration that never enters a layer
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
# a private Git dependency over the build's SSH agent
RUN --mount=type=ssh git clone git@github.com:example/private-lib.git /opt/private-lib
# everything else: what it holds is the .dockerignore's business, which a rule cannot see
COPY . .

FROM gcr.io/distroless/nodejs20-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY --from=build --chown=10001:10001 /app /app
# public certificates: a CA, a server certificate and a certificate chain
COPY certs/ca.pem certs/server.crt certs/fullchain.pem /etc/ssl/app/
COPY *.pem /usr/local/share/ca-certificates/
# public keys: an SSH public key, the SSH host keys a client trusts, a JWT verification key
COPY id_rsa.pub /etc/app/authorized/
COPY known_hosts /home/app/.ssh/known_hosts
COPY jwt/public-key.pem /etc/app/jwt/
# a directory of keys: its name does not say whether they are public or private
COPY keys/ /etc/app/keys/
# templates and examples of environment files, including one copied as the default .env
COPY .env.example .env.sample /app/docs/
COPY .env.example /app/.env
# a Python virtual environment named .env is a directory, not an environment file
COPY --from=build /app/venv/ /app/.env/
# code and data whose names only contain the words
COPY secret_santa.py secrets.py passwords_policy.md /app/lib/
COPY models/tokenizer.json models/special_tokens_map.json /app/models/
COPY k8s/service-account.yaml /app/manifests/
# an encrypted secrets file: its key is given at run time
COPY config/secrets.enc.yaml /app/config/
# an inline file: its content is in the Dockerfile, where a reviewer (and a secret scanner) sees it
COPY <<EOF /app/.env
NODE_ENV=production
LOG_LEVEL=info
EOF
# a package signing key, downloaded from its publisher
ADD --checksum=sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec https://nginx.org/keys/nginx_signing.key /etc/app/keys/
# a source only known at build time
ARG EXTRA_CONFIG
COPY ${EXTRA_CONFIG} /etc/app/extra/
USER 10001:10001
HEALTHCHECK CMD ["/nodejs/bin/node", "/app/health.js"]
CMD ["/app/server.js"]
