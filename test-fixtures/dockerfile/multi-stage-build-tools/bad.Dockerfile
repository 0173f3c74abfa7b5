# A single-stage build: the compiler and make stay in the image that runs.
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
RUN apt-get update \
# expect: dockerfile/multi-stage-build-tools 48-62 "gcc is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
# expect: dockerfile/multi-stage-build-tools 88-100 "make is a build tool and stays in the final image: build in an earlier stage and copy only the artifacts into the final one (multi-stage build)"
 && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.7-0+deb12u1 make=4.3-4.1 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt ./
RUN pip install --no-cache-dir --requirement requirements.txt
COPY --chown=10001:10001 app.py ./
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
