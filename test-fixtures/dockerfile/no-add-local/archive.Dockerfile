# ADD unpacks local tarballs: turning it into COPY would change the image, so this is only information.
FROM scratch
# expect: dockerfile/no-add-local 1-4 "ADD unpacks the archive rootfs.tar.gz into the image; COPY would copy the file as it is. If unpacking is intended, keep ADD; otherwise use COPY"
ADD rootfs.tar.gz /
ARG PLUGINS=plugins.tgz
# expect: dockerfile/no-add-local 1-4 "ADD unpacks the archive ${PLUGINS} (plugins.tgz) into the image; COPY would copy the file as it is. If unpacking is intended, keep ADD; otherwise use COPY"
ADD --chown=10001:10001 ${PLUGINS} /opt/plugins/
USER 10001:10001
HEALTHCHECK CMD ["/bin/app", "healthcheck"]
ENTRYPOINT ["/bin/app"]
