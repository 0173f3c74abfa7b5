# Variables, the exec form, flags, globs and destinations that name what is copied.
FROM golang:1.22.5-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=ssh go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
ARG TLS_DIR=certs
ARG ENV_FILE=.env
ENV GOOGLE_APPLICATION_CREDENTIALS=/var/run/gcp/sa.json
ENV KUBECONFIG=/etc/api/cluster.yaml
COPY --from=build /out/api /usr/local/bin/api
# the name is known once the build arguments are expanded
# expect: dockerfile/no-secret-files 6-27 "COPY of ${TLS_DIR}/server.key (certs/server.key) writes a private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=server,target=/etc/api/tls/server.key`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY ${TLS_DIR}/server.key /etc/api/tls/
# expect: dockerfile/no-secret-files 6-15 "COPY of $ENV_FILE (.env) writes an environment file, which usually holds passwords and API keys, into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=env,target=/etc/api/.env`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY $ENV_FILE /etc/api/
# the exec form, and ADD with flags
# expect: dockerfile/no-secret-files 8-23 "COPY of config/id_ecdsa writes an SSH private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. Use `RUN --mount=type=ssh` for the build steps that need the key, give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY ["config/id_ecdsa", "/etc/api/ssh/"]
# expect: dockerfile/no-add-local 1-4 "ADD of local files: use COPY, which copies without unpacking archives or fetching URLs"
# expect: dockerfile/no-secret-files 38-55 "ADD of keystores/api.jks writes a keystore, which holds private keys, into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=api,target=/etc/api/api.jks`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
ADD --chown=10001:10001 --chmod=0400 keystores/api.jks /etc/api/
# a glob whose extension names keys (a *.pem glob could be certificates, and is not reported)
# expect: dockerfile/no-secret-files 6-15 "COPY of tls/*.key writes private keys into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY tls/*.key /etc/api/tls/
# the destination says what the file is
# expect: dockerfile/no-secret-files 16-41 "COPY to /home/api/.ssh/id_ed25519 writes an SSH private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. Use `RUN --mount=type=ssh` for the build steps that need the key, give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY ci/deploy /home/api/.ssh/id_ed25519
# expect: dockerfile/no-secret-files 23-54 "COPY to $GOOGLE_APPLICATION_CREDENTIALS (/var/run/gcp/sa.json) writes Google Cloud credentials into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=sa,target=/var/run/gcp/sa.json`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY gcp/runtime.json $GOOGLE_APPLICATION_CREDENTIALS
# the file that a credentials variable points at
# expect: dockerfile/no-secret-files 6-25 "COPY of deploy/cluster.yaml writes Kubernetes cluster credentials into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=cluster,target=/etc/api/cluster.yaml`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY deploy/cluster.yaml /etc/api/
USER 10001:10001
HEALTHCHECK CMD ["/usr/local/bin/api", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/api"]
