# Names and values that look secret at first sight but are not: no finding.
FROM python:3.12.4-slim-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# GPG fingerprints in the official images, public keys
ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
ENV PHP_GPG_KEYS="1198C0117593497A5EC5C199286AF1F9897469DC 39B641343D8C104B2B146DC3F9C39DC0B9698544"
ENV OIDC_PUBLIC_KEY=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE NEXT_PUBLIC_MAPS_API_KEY=maps-browser-key
# names that point at a mounted secret, and a secret store's ARN
ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password \
    GOOGLE_APPLICATION_CREDENTIALS=/var/run/secrets/gcp/key.json \
    DB_SECRET=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db
# identifiers and settings about secrets
ENV KMS_KEY_ID=alias/app PASSWORD_MIN_LENGTH=12 CSRF_TOKEN_NAME=csrftoken SORT_KEY=created_at
ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes
# empty values, and references to variables that are not build arguments (set when the container starts)
ENV API_TOKEN=
ENV REDIS_PASSWORD=${REDIS_PASSWORD}
ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app CACHE_URL=redis://cache:6379/0
# AWS's documented example key
ENV EXAMPLE_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
COPY --chown=10001:10001 app.py /app/app.py
USER 10001:10001
HEALTHCHECK CMD ["python", "-c", "print(1)"]
CMD ["python", "/app/app.py"]
# a build argument that nothing after it uses
ARG UNUSED_TOKEN
