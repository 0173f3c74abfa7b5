# BusyBox: adduser fed a password, passwd -u on an account made with adduser -D (leaves it passwordless).
FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-account-password 37-44 "`adduser` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN printf 'changeme\nchangeme\n' | adduser -u 10001 -s /bin/ash app
RUN adduser -D -u 10002 sshuser \
# expect: dockerfile/no-account-password 12-14 "`passwd -u` unlocks the account's password: with BusyBox an account created by `adduser -D` is left with no password at all, and otherwise the password hash stored in the image works again; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && passwd -u sshuser
# expect: dockerfile/no-account-password 20-22 "`busybox passwd -d` leaves the account without a password: anyone with a shell in the container can `su` to it; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
RUN busybox passwd -d root
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
