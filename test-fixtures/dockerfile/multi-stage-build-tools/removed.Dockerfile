# The official images' idiom: build tools installed and purged again in the same RUN leave no trace in the
# final file system.
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN set -eux; \
    savedAptMark="$(apt-mark showmanual)"; \
    apt-get update; \
# expect: dockerfile/pin-package-versions 48-51 "`gcc` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`gcc=<version>`)"
# expect: dockerfile/pin-package-versions 52-61 "`libc6-dev` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`libc6-dev=<version>`)"
# expect: dockerfile/pin-package-versions 62-66 "`make` is installed by `apt-get install` without a version, so each build can get a different (possibly broken or compromised) release: pin it (`make=<version>`)"
    apt-get install -y --no-install-recommends gcc libc6-dev make; \
    pip install --no-cache-dir uwsgi==2.0.26; \
    apt-mark auto '.*' > /dev/null; \
    [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    rm -rf /var/lib/apt/lists/*
# removed by name, later in the same stage
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++=4:12.2.0-3 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir pyyaml==6.0.1 && apt-get purge -y g++
COPY --chown=10001:10001 app.py /app/app.py
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["uwsgi", "--http", ":8080", "--wsgi-file", "/app/app.py"]
