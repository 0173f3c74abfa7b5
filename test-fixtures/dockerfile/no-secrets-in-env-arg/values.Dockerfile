# Values shaped like credentials are reported whatever the variable is called (all values here are fake).
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-secrets-in-env-arg 15-35 "The value of ENV UPLOAD_ID looks like an AWS access key ID: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV UPLOAD_ID=AKIAZZZZFAKEFAKE0000 \
# expect: dockerfile/no-secrets-in-env-arg 16-56 "The value of ENV UPLOAD_SIG looks like an AWS secret access key: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
    UPLOAD_SIG=FakeSecretAccessKey/NotReal+0000abcdEFGH
# expect: dockerfile/no-secrets-in-env-arg 9-49 "The value of ARG BOT looks like a GitHub token: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ARG BOT=ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000
# expect: dockerfile/no-secrets-in-env-arg 15-41 "The value of ENV CHAT_HOOK looks like a Slack token: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV CHAT_HOOK=xoxb-not-a-real-token-0000
# expect: dockerfile/no-secrets-in-env-arg 13-96 "The value of ENV SIGNING looks like a private key: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV SIGNING="-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n-----END OPENSSH PRIVATE KEY-----"
# expect: dockerfile/no-secrets-in-env-arg 19-60 "The value of ENV PIP_INDEX_URL looks like a URL with an embedded password: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ENV PIP_INDEX_URL=https://ci:s3cr3t@pypi.example.com/simple
# expect: dockerfile/no-secrets-in-env-arg 16-100 "The value of ARG CLONE_FROM looks like a GitHub token: it is stored in the image and in the Dockerfile; remove it and pass it at build time with `RUN --mount=type=secret` and at run time from a secret store"
ARG CLONE_FROM=https://x-access-token:github_pat_FAKE0000000000000000000000@github.com/org/repo.git
COPY --chown=10001:10001 app.py /app/app.py
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
