FROM debian:12.6-slim@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
COPY --chown=10001:10001 app /app
# expect: dockerfile/no-setuid 11-14 "`chmod u+s` sets the setuid bit: whoever starts the program gets its owner's privileges"
RUN chmod u+s /app/helper
# expect: dockerfile/no-setuid 11-15 "`chmod 4755` sets the setuid bit: whoever starts the program gets its owner's privileges"
# expect: dockerfile/no-setuid 45-49 "`chmod 6755` sets the setuid and setgid bits: whoever starts the program gets its owner's and group's privileges"
RUN chmod 4755 /usr/local/bin/ping && chmod 6755 /app/tool
# expect: dockerfile/no-setuid 11-14 "`chmod g+s` sets the setgid bit: whoever starts the program gets its group's privileges"
# expect: dockerfile/no-setuid 34-36 "`chmod +s` sets the setuid and setgid bits: whoever starts the program gets its owner's and group's privileges"
RUN chmod g+s /app/report; chmod +s /app/agent
# expect: dockerfile/no-setuid 11-23 "`chmod u+rwxs,go+rx` sets the setuid bit: whoever starts the program gets its owner's privileges"
RUN chmod u+rwxs,go+rx /app/launcher
# expect: dockerfile/no-setuid 24-28 "`install -m 4755` sets the setuid bit: whoever starts the program gets its owner's privileges"
RUN install -o root -m 4755 /app/helper /usr/local/bin/helper
# expect: dockerfile/no-setuid 39-42 "`chmod u+s` sets the setuid bit: whoever starts the program gets its owner's privileges"
RUN find /app/bin -type f -exec chmod u+s {} ';'
USER 10001:10001
HEALTHCHECK CMD ["/app", "healthcheck"]
ENTRYPOINT ["/app"]
