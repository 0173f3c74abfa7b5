FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
# a literal secret, by its name
# expect: dockerfile/no-secrets-in-env-arg 5-16 "ENV DB_PASSWORD holds a literal secret: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV DB_PASSWORD=hunter2
# the variables psql and mysql read a password from
# expect: dockerfile/no-secrets-in-env-arg 5-15 "ENV PGPASSWORD holds a literal secret: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
# expect: dockerfile/no-secrets-in-env-arg 24-33 "ENV MYSQL_PWD holds a literal secret: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV PGPASSWORD=hunter2 MYSQL_PWD=hunter2
# the legacy form: the value is the rest of the line
# expect: dockerfile/no-secrets-in-env-arg 5-19 "ENV STRIPE_API_KEY holds a literal secret: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV STRIPE_API_KEY sk_live_not_a_real_key_0000
# a build argument: every RUN after it sees it and records it in the image history
# expect: dockerfile/no-secrets-in-env-arg 5-20 "Build argument PIP_INDEX_TOKEN looks like a secret: values passed with --build-arg are kept in the image history of the instructions that use them; use `RUN --mount=type=secret,id=PIP_INDEX_TOKEN,env=PIP_INDEX_TOKEN` instead"
ARG PIP_INDEX_TOKEN
COPY requirements.txt ./
RUN pip install --no-cache-dir --requirement requirements.txt
# a literal default for a build argument is in the Dockerfile itself
# expect: dockerfile/no-secrets-in-env-arg 5-22 "ARG SENTRY_AUTH_TOKEN has a literal secret as its default: it is stored in the Dockerfile and in the image history; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ARG SENTRY_AUTH_TOKEN=sntrys_not_a_real_token
# ENV copies a build argument (whatever its name) into the image configuration
ARG DEPLOY_MATERIAL
# expect: dockerfile/no-secrets-in-env-arg 5-20 "ENV SSH_PRIVATE_KEY copies build argument DEPLOY_MATERIAL into the image configuration, where anyone who can pull the image reads it: use `RUN --mount=type=secret,id=SSH_PRIVATE_KEY,env=SSH_PRIVATE_KEY` for the commands that need it and give it to the container at run time from a secret store"
ENV SSH_PRIVATE_KEY="${DEPLOY_MATERIAL}"
COPY --chown=10001:10001 app.py ./
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
