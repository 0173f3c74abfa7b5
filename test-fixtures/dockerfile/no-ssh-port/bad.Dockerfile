FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-ssh-port 8-10 "EXPOSE 22 publishes the SSH port: do not run an SSH server in the container; use `docker exec` or `kubectl exec` to get a shell"
EXPOSE 22
# expect: dockerfile/no-ssh-port 13-19 "EXPOSE 22/tcp publishes the SSH port: do not run an SSH server in the container; use `docker exec` or `kubectl exec` to get a shell"
EXPOSE 8080 22/tcp
# expect: dockerfile/no-ssh-port 8-13 "EXPOSE 20-25 includes port 22 (SSH): do not run an SSH server in the container; use `docker exec` or `kubectl exec` to get a shell"
EXPOSE 20-25 8443
ARG ADMIN_PORT=22
# expect: dockerfile/no-ssh-port 8-21 "EXPOSE ${ADMIN_PORT} publishes the SSH port: do not run an SSH server in the container; use `docker exec` or `kubectl exec` to get a shell"
EXPOSE ${ADMIN_PORT}
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
