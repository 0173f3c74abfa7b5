# expect: dockerfile/minimal-base-image 6-96 "The final image is built on opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full openSUSE Leap userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM opensuse/leap:15.6@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/package-cache-cleanup 30-37 "`zypper install` leaves its package cache in the image: end this RUN with `zypper clean --all`"
RUN zypper --non-interactive install -y openssl-3.1.4
RUN zypper in -y tar-1.34 && zypper clean --all
COPY --chown=10001:10001 app /app
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
