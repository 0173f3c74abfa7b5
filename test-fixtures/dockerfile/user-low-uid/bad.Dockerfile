FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
HEALTHCHECK CMD ["true"]
# expect: dockerfile/user-low-uid 6-9 "The final image runs as UID 999, below 1000 (a system account range)"
USER 999:999
ENTRYPOINT ["/bin/true"]
