# escape=`
# Windows images: RUN runs cmd (or the PowerShell of SHELL), whose pipes are not POSIX pipelines
FROM mcr.microsoft.com/windows/servercore:ltsc2022@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec
RUN dir C:\Windows\System32 | findstr /i "powershell.exe"
SHELL ["powershell", "-NoLogo", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -UseBasicParsing https://downloads.example.com/app-1.4.2-win-x64.zip -OutFile C:\app.zip; `
    Get-FileHash C:\app.zip -Algorithm SHA256 | Select-Object -ExpandProperty Hash | Out-File C:\app.sha256
# Windows accounts have no numeric UID (user-numeric does not apply): ContainerUser is the unprivileged one
USER ContainerUser
HEALTHCHECK CMD ["C:\\app\\app.exe", "healthcheck"]
ENTRYPOINT ["C:\\app\\app.exe"]
