FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/no-add-local 1-4 "ADD of local files: use COPY, which copies without unpacking archives or fetching URLs"
ADD requirements.txt app.py /app/
# expect: dockerfile/no-add-local 1-4 "ADD of local files: use COPY, which copies without unpacking archives or fetching URLs"
add --chown=10001:10001 config/ /etc/app/
# expect: dockerfile/no-add-local 1-4 "ADD of local files: use COPY, which copies without unpacking archives or fetching URLs"
ADD ["entrypoint.sh", "/usr/local/bin/"]
# expect: dockerfile/no-add-local 1-4 "ADD of local files: use COPY, which copies without unpacking archives or fetching URLs"
ADD <<EOT /etc/app/motd
Welcome
EOT
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
