FROM node:20.15.1-bookworm-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
# expect: dockerfile/tls-verification-disabled 5-35 "ENV NODE_TLS_REJECT_UNAUTHORIZED=0: Node.js then accepts any TLS certificate"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# expect: dockerfile/tls-verification-disabled 25-44 "ENV PYTHONHTTPSVERIFY=0: Python's HTTPS clients then skip certificate checks"
# expect: dockerfile/tls-verification-disabled 45-72 "ENV npm_config_strict_ssl=false: npm then accepts any TLS certificate"
ENV NODE_ENV=production PYTHONHTTPSVERIFY=0 npm_config_strict_ssl=false
# expect: dockerfile/tls-verification-disabled 5-27 "ENV GIT_SSL_NO_VERIFY=true: git then skips TLS certificate checks (whatever the value)"
ENV GIT_SSL_NO_VERIFY true
# expect: dockerfile/tls-verification-disabled 5-38 "ARG PIP_TRUSTED_HOST=pypi.example.com: pip then trusts those hosts without valid TLS certificates"
ARG PIP_TRUSTED_HOST=pypi.example.com
WORKDIR /app
COPY --chown=10001:10001 package.json package-lock.json /app/
# expect: dockerfile/tls-verification-disabled 5-35 "NODE_TLS_REJECT_UNAUTHORIZED=0: Node.js then accepts any TLS certificate"
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci --omit=dev
# expect: dockerfile/tls-verification-disabled 12-31 "GIT_SSL_NO_VERIFY=1: git then skips TLS certificate checks (whatever the value)"
RUN export GIT_SSL_NO_VERIFY=1 && npm ci --omit=dev
# expect: dockerfile/tls-verification-disabled 20-36 "`npm config set strict-ssl false` makes npm accept any TLS certificate from the registry"
# expect: dockerfile/tls-verification-disabled 58-76 "`npm --strict-ssl=false` accepts any TLS certificate from the registry"
RUN npm config set strict-ssl false && npm ci --omit=dev --strict-ssl=false
COPY --chown=10001:10001 server.js /app/
USER 10001:10001
HEALTHCHECK CMD ["node", "-e", "1"]
CMD ["node", "server.js"]
