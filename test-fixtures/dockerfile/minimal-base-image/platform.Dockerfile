# --platform before the image: the image word is reported, not the flag.
FROM --platform=$BUILDPLATFORM node:20.15.1-alpine3.20@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY app/javascript/ ./app/javascript/
RUN npm run build

# expect: dockerfile/minimal-base-image 33-124 "The final image is built on ruby:3.3.4-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Debian userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM --platform=$TARGETPLATFORM ruby:3.3.4-bookworm@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without 'development test' \
 && bundle install
COPY --chown=10001:10001 . .
COPY --from=assets --chown=10001:10001 /src/public/assets/ ./public/assets/
USER 10001:10001
HEALTHCHECK CMD ["bin/rails", "runner", "exit"]
CMD ["bin/rails", "server", "-b", "0.0.0.0"]
