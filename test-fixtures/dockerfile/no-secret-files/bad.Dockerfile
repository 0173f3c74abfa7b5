# An API image that bakes its credentials in: every file below is readable by anyone who can pull the image.
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY requirements.txt ./
# a private deploy key, for pip to clone a private repository over SSH
# expect: dockerfile/no-secret-files 6-16 "COPY of id_ed25519 writes an SSH private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. Use `RUN --mount=type=ssh` for the build steps that need the key, give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY id_ed25519 /root/.ssh/
RUN pip install --no-cache-dir --requirement requirements.txt
# deleting it afterwards does not take it out of the COPY's layer
RUN rm -f /root/.ssh/id_ed25519
# the whole SSH directory of the build machine
# expect: dockerfile/no-secret-files 6-10 "COPY of .ssh writes a directory of SSH keys into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. Use `RUN --mount=type=ssh` for the build steps that need the key, give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY .ssh /root/.ssh
# the environment file with the production database password
# expect: dockerfile/no-secret-files 26-41 "COPY of .env.production writes an environment file, which usually holds passwords and API keys, into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=env-production,target=/app/.env.production`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY --chown=10001:10001 .env.production ./
# the TLS key of the service, next to its (public) certificate
# expect: dockerfile/no-secret-files 20-33 "COPY of certs/tls.key writes a private key into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=tls,target=/etc/ssl/api/tls.key`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY certs/tls.crt certs/tls.key /etc/ssl/api/
# cloud and cluster credentials
# expect: dockerfile/no-secret-files 6-37 "COPY of deploy/gcp-service-account.json writes a service-account key (by its name) into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=gcp-service-account,target=/var/secrets/google/gcp-service-account.json`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY deploy/gcp-service-account.json /var/secrets/google/
# expect: dockerfile/no-secret-files 6-22 "COPY of .aws/credentials writes AWS credentials into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=credentials,target=/root/.aws/credentials`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY .aws/credentials /root/.aws/credentials
# expect: dockerfile/no-secret-files 6-16 "COPY of kubeconfig writes Kubernetes cluster credentials into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=kubeconfig,target=/root/.kube/config`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY kubeconfig /root/.kube/config
# expect: dockerfile/no-secret-files 6-22 "COPY of .git-credentials writes stored Git credentials into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=git-credentials,target=/root/.git-credentials`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
# expect: dockerfile/no-secret-files 23-29 "COPY of .netrc writes login credentials (.netrc) into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=netrc,target=/root/.netrc`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY .git-credentials .netrc /root/
# a keystore for the Java agent
# expect: dockerfile/no-secret-files 6-31 "COPY of agent/client-keystore.p12 writes a keystore, which holds private keys, into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=client-keystore,target=/opt/agent/client-keystore.p12`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY agent/client-keystore.p12 /opt/agent/
# basic-auth password hashes for the admin page
# expect: dockerfile/no-secret-files 6-21 "COPY of nginx/.htpasswd writes password hashes into an image layer: anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer. If a build step needs it, mount it for that step only with `RUN --mount=type=secret,id=htpasswd,target=/etc/nginx/.htpasswd`; give it to the running container from a secret store, and keep it out of the build context with .dockerignore"
COPY nginx/.htpasswd /etc/nginx/
COPY --chown=10001:10001 app.py ./
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
