# Locking, locked password fields, accounts made without a password, and the words as data: no finding.
FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN useradd -r -u 10001 -s /usr/sbin/nologin app \
 && useradd -r -u 10002 -p '!' -s /usr/sbin/nologin worker \
 && adduser --disabled-password --gecos '' --uid 10003 builder \
 && adduser --system --group --no-create-home metrics \
 && adduser --disabled-login --gecos '' --uid 10004 backup-agent \
 && passwd -e backup-agent \
 && passwd -l root \
 && passwd --lock builder \
 && passwd -S root \
 && usermod -L app \
 && usermod -p '*' worker \
 && usermod -p '!' builder \
 && usermod --password '!*' metrics \
 && echo 'worker:!' | chpasswd -e \
 && chage -E 0 root \
 && chage -M 90 app \
 && groupadd -r -p '!' operators \
 && gpasswd -a app operators \
 && gpasswd -r operators \
 && adduser app operators \
 && echo "accounts are locked: run chpasswd only in a container you own" > /etc/motd \
 && if command -v passwd >/dev/null; then echo "passwd is installed"; fi
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
