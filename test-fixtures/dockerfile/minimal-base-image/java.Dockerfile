# A JRE image is still a full Ubuntu: eclipse-temurin's images are built on ubuntu.
FROM maven:3.9.8-eclipse-temurin-21@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS build
WORKDIR /src
COPY pom.xml .
COPY src/ ./src/
RUN mvn -B package -DskipTests

# expect: dockerfile/minimal-base-image 6-106 "The final image is built on eclipse-temurin:21.0.3_9-jre@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec, a full Ubuntu userland with a shell and a package manager that the application does not need at run time: build on a minimal image (distroless, a -slim or -alpine variant, or scratch for a static binary)"
FROM eclipse-temurin:21.0.3_9-jre@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --from=build --chown=10001:10001 /src/target/app.jar /app/app.jar
USER 10001:10001
HEALTHCHECK CMD ["java", "-cp", "/app/app.jar", "example.Health"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
