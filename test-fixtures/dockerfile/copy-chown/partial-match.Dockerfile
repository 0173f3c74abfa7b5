# Only one of the chown's paths was copied: reported, but no fix (the other path still needs the chown).
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY app.py /opt/app/
RUN mkdir -p /var/lib/app \
# expect: dockerfile/copy-chown 26-34 "chown of /opt/app, which COPY just added: set the owner while copying with `COPY --chown=10001:10001` instead of a separate chown, which duplicates every file into a new layer"
 && chown -R 10001:10001 /opt/app /var/lib/app
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/opt/app/app.py"]
