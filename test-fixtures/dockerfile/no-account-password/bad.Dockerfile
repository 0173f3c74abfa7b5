# Passwords set, replaced or removed at build time on Debian: each one ships in /etc/shadow.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-secrets-in-env-arg 5-17 "Build argument APP_PASSWORD looks like a secret: values passed with --build-arg are kept in the image history of the instructions that use them; use `RUN --mount=type=secret,id=APP_PASSWORD,env=APP_PASSWORD` instead"
ARG APP_PASSWORD
RUN useradd -r -u 10001 -m -s /bin/bash app \
# expect: dockerfile/no-account-password 32-40 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && echo "app:$APP_PASSWORD" | chpasswd
# expect: dockerfile/no-account-password 28-36 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN echo 'root:changeme' | chpasswd
# a pre-hashed value is still a hash in the layer
# expect: dockerfile/no-account-password 120-128 "`chpasswd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN echo 'root:$6$kP3xQ9vN$0nq7vXoR9wJ6yq1mQ6c3f0bZ8m2s5t7u9w1y3A5C7E9G1I3K5M7O9Q1S3U5W7Y9a1c3e5g7i9k1m3o5q7s9u1w3y' | chpasswd -e
# expect: dockerfile/no-account-password 13-52 "`usermod -p` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN usermod -p "$(openssl passwd -6 'S3cure!pass')" app
# expect: dockerfile/no-account-password 16-118 "`useradd -p` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN useradd -m -p '$6$Vq2bN7rX$JHq9w2Xl0aYt5pK8cM3eF6gR1sD4vB7nL0zQ2wE5tY8uI1oP4aS7dF0gH3jK6lZ9xC2vB5nM8qW1eR4tY7uI0' dev \
# expect: dockerfile/no-account-password 13-116 "`useradd -p` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && useradd -mp '$6$Vq2bN7rX$JHq9w2Xl0aYt5pK8cM3eF6gR1sD4vB7nL0zQ2wE5tY8uI1oP4aS7dF0gH3jK6lZ9xC2vB5nM8qW1eR4tY7uI0' ops \
# expect: dockerfile/no-account-password 13-123 "`usermod --password` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && usermod --password='$6$Vq2bN7rX$JHq9w2Xl0aYt5pK8cM3eF6gR1sD4vB7nL0zQ2wE5tY8uI1oP4aS7dF0gH3jK6lZ9xC2vB5nM8qW1eR4tY7uI0' ops
# no password at all: anyone in the container can su to these accounts
# expect: dockerfile/no-account-password 12-14 "`passwd -d` leaves the account without a password: anyone with a shell in the container can `su` to it; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN passwd -d root \
# expect: dockerfile/no-account-password 12-20 "`passwd --delete` leaves the account without a password: anyone with a shell in the container can `su` to it; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && passwd --delete dev \
# expect: dockerfile/no-account-password 13-18 "`usermod -p ''` leaves the account without a password: anyone with a shell in the container can `su` to it; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && usermod -p '' ops
# passwd reading the new password from a pipe or a heredoc
# expect: dockerfile/no-account-password 37-43 "`passwd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN printf 'changeme\nchangeme\n' | passwd app
# expect: dockerfile/no-account-password 5-11 "`passwd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN passwd app <<EOF
changeme
changeme
EOF
# re-enables whatever hash the account had
# expect: dockerfile/no-account-password 13-15 "`usermod -U` unlocks the account's password: the password hash stored in the image works again; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN usermod -U app
# group passwords go to /etc/gshadow
# expect: dockerfile/no-account-password 14-53 "`groupadd -p` sets a group password during the build: the hash is stored in /etc/gshadow in the image layer, where anyone who can pull the image can read it and crack it offline; do not give groups a password (whoever knows it joins the group with `newgrp`); add the users who need the group with `usermod -aG`"
RUN groupadd -p '$1$mZ3kQ8aB$Xq7wN2yR5tU8iO1pA4sD6.' admins \
# expect: dockerfile/no-account-password 30-39 "`chgpasswd` sets a group password during the build: the hash is stored in /etc/gshadow in the image layer, where anyone who can pull the image can read it and crack it offline; do not give groups a password (whoever knows it joins the group with `newgrp`); add the users who need the group with `usermod -aG`"
 && echo 'admins:changeme' | chgpasswd \
# expect: dockerfile/no-account-password 5-12 "`gpasswd` sets a group password during the build: the hash is stored in /etc/gshadow in the image layer, where anyone who can pull the image can read it and crack it offline; do not give groups a password (whoever knows it joins the group with `newgrp`); add the users who need the group with `usermod -aG`"
 && gpasswd admins
# the build secret stays out of the layer, the hash chpasswd writes does not
RUN --mount=type=secret,id=app_password,required=true \
# expect: dockerfile/no-account-password 5-13 "`chpasswd` sets an account password during the build from a build secret: the secret itself stays out of the layer, but the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
    chpasswd < /run/secrets/app_password
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
