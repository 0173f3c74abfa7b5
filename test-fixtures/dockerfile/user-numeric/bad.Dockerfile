FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
HEALTHCHECK CMD ["true"]
# expect: dockerfile/user-numeric 6-9 "The final image runs as user "app": use a numeric UID of 1000 or above so that it can be verified"
USER app:app
ENTRYPOINT ["/bin/true"]
