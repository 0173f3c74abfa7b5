# CI runner image
FROM ubuntu

RUN apt-get update
RUN apt-get install -y --no-install-recommends build-essential git \
    && rm -rf /var/lib/apt/lists/*
RUN useradd -m ci && echo 'ci:ci-runner' | chpasswd
COPY ci/id_ed25519 /home/ci/.ssh/id_ed25519
RUN curl -k -o /usr/local/bin/tool https://tools.example.com/tool && chmod 4755 /usr/local/bin/tool
RUN --security=insecure make image

USER 100
ENTRYPOINT ["/usr/local/bin/tool"]
