# Red Hat's passwd reads the new password with --stdin.
# expect: dockerfile/minimal-base-image 6-117 "The final image is built on registry.access.redhat.com/ubi9/ubi:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Red Hat UBI userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM registry.access.redhat.com/ubi9/ubi:9.4@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN useradd -r -u 10001 -m app \
# expect: dockerfile/no-account-password 23-29 "`passwd` sets an account password during the build: the hash is stored in /etc/shadow in the image layer, where anyone who can pull the image can read it and crack it offline; lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store"
 && echo 'changeme' | passwd --stdin app
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
