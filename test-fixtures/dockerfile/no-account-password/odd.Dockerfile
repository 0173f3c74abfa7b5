# chpasswd and friends inside heredoc scripts, sh -c, continuations with comments, wrappers and exec form.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN <<EOF
set -eux
useradd -r -u 10001 -m app
# expect: dockerfile/no-account-password 23-31 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
echo 'app:changeme' | chpasswd
EOF
# expect: dockerfile/no-account-password 35-43 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN sh -c "echo 'root:changeme' | chpasswd"
RUN set -eux; \
    # give the build user a password
    echo 'app:changeme' \
    # (the same for every container)
# expect: dockerfile/no-account-password 9-27 "`/usr/sbin/chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
      | /usr/sbin/chpasswd; \
    usermod \
# expect: dockerfile/no-account-password 7-+1:106 "`usermod -p` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
      -p \
      '$6$Vq2bN7rX$JHq9w2Xl0aYt5pK8cM3eF6gR1sD4vB7nL0zQ2wE5tY8uI1oP4aS7dF0gH3jK6lZ9xC2vB5nM8qW1eR4tY7uI0' \
      app
# expect: dockerfile/no-sudo 28-32 "`sudo chpasswd`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead"
# expect: dockerfile/no-account-password 33-41 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN echo 'root:changeme' | sudo chpasswd
# expect: dockerfile/no-account-password 41-49 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN echo 'root:changeme' | env LC_ALL=C chpasswd
# expect: dockerfile/no-account-password 7-15 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN ["chpasswd"]
# expect: dockerfile/no-account-password 47-55 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN ["/bin/sh", "-c", "echo 'root:changeme' | chpasswd"]
# expect: dockerfile/pipefail 5-41 "`openssl` is piped into `xargs`: without pipefail a failure of `openssl` does not fail the RUN, so its missing or partial output is used; add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or begin the script with `set -o pipefail` where /bin/sh supports it)"
# expect: dockerfile/no-account-password 55-60 "`usermod -p` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN openssl passwd -6 'changeme' | xargs -I{} usermod -p {} app
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
