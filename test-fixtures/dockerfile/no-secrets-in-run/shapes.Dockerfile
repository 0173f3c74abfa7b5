# Values shaped like credentials, whatever command they are given to (every value here is fake).
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /app
# expect: dockerfile/no-secrets-in-run 52-62 "`pip` is given a URL with an embedded password in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN pip install --no-cache-dir --index-url https://ci:fakePw1@pypi.example.com/simple app-core==2.3.1
RUN pip install --no-cache-dir awscli==1.33.20 \
# expect: dockerfile/no-secrets-in-run 26-46 "`AWS_ACCESS_KEY_ID` is set to an AWS access key ID in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
# expect: dockerfile/no-secrets-in-run 69-109 "`AWS_SECRET_ACCESS_KEY` is set to an AWS secret access key in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then set it for this RUN only from a secret: `RUN --mount=type=secret,id=<id>,env=AWS_SECRET_ACCESS_KEY`"
    && AWS_ACCESS_KEY_ID=AKIAZZZZFAKEFAKE0000 AWS_SECRET_ACCESS_KEY=FakeSecretAccessKey/NotReal+0000abcdEFGH \
       aws s3 cp s3://example-models/classifier-v3.bin /opt/models/classifier.bin
# expect: dockerfile/no-secrets-in-run 48-88 "`git` is given a GitHub token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN git clone --depth 1 https://x-access-token:ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000@github.com/example/lib.git /opt/lib
# expect: dockerfile/no-secrets-in-run 40-66 "`git` is given a GitLab token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN git clone --depth 1 https://oauth2:glpat-FAKEfakeFAKEfake0000@gitlab.com/example/tools.git /opt/tools
# expect: dockerfile/no-secrets-in-run 25-62 "`GITHUB_TOKEN` is set to a GitHub token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN export GITHUB_TOKEN=github_pat_FAKE0000000000000000000000 && pip install --no-cache-dir -r requirements.txt
# expect: dockerfile/no-secrets-in-run 63-131 "`printf` is given a PyPI API token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN printf '%s\n' '[pypi]' 'username = __token__' 'password = pypi-AgEIcHlwaS5vcmcFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKE0000' > /root/.pypirc
# expect: dockerfile/no-secrets-in-run 41-67 "`curl` is given a Slack token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`"
RUN curl -fsS -H "Authorization: Bearer xoxb-0000FAKE-fakefakefake" -d channel=C0000 -d text=built https://slack.com/api/chat.postMessage
# expect: dockerfile/no-secrets-in-run 20-55 "`printf` is given a private key in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN printf '%s\n' '-----BEGIN OPENSSH PRIVATE KEY-----' 'b3BlbnNzaC1rZXktdjEAAAAA-fake' '-----END OPENSSH PRIVATE KEY-----' > /root/.ssh/id_ed25519
# expect: dockerfile/no-secrets-in-run 46-86 "`printf` is given an npm access token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN printf '//registry.npmjs.org/:_authToken=npm_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000\n' > /root/.npmrc

FROM docker:27.1.1-cli@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS mirror
# expect: dockerfile/no-secrets-in-run 10-46 "`echo` is given a Docker Hub access token in clear text: the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs; rotate it (the images built so far carry it), then mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>"
RUN echo dckr_pat_FAKEfakeFAKEfakeFAKEfake000 | docker login -u example --password-stdin

FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
HEALTHCHECK CMD ["python", "/app/health.py"]
CMD ["python", "/app/main.py"]
