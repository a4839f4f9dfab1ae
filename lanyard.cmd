@echo off
rem Lanyard launcher for Windows. Builds what is missing, then runs a part of Lanyard.
rem   lanyard.cmd demo            server + virtual printer + kiosk window (LANYARD_DEMO_DIR picks the folder)
rem   lanyard.cmd server ARGS     the sync server host CLI
rem   lanyard.cmd kiosk ARGS      the kiosk window, or "cli ..." for the headless commands
rem   lanyard.cmd print ARGS      the printer tool
rem   lanyard.cmd rehearse ARGS   the venue rehearsal: simulated doors against a server
rem   lanyard.cmd test            the test suite (mvn -B verify)
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "SERVER_JAR=%ROOT%\sync-server\target\lanyard-server.jar"
set "PRINT_JAR=%ROOT%\printer-drivers\target\lanyard-print.jar"
set "KIOSK_JAR=%ROOT%\kiosk-app\target\lanyard-kiosk.jar"
set "REHEARSAL_JAR=%ROOT%\rehearsal\target\lanyard-rehearsal.jar"
where java >nul 2>nul || (echo lanyard: java not found; install JDK 17 or newer & exit /b 1)
set "CMD=%~1"
if "%CMD%"=="" goto usage
shift
set "ARGS="
:collect
if "%~1"=="" goto dispatch
set ARGS=%ARGS% %1
shift
goto collect
:dispatch
if /i "%CMD%"=="test" (pushd "%ROOT%" & mvn -B verify & popd & exit /b %ERRORLEVEL%)
call :build || exit /b 1
if /i "%CMD%"=="demo" (java -cp "%KIOSK_JAR%" dev.lanyard.kiosk.demo.DemoLauncher --root "%ROOT%" %ARGS% & exit /b %ERRORLEVEL%)
if /i "%CMD%"=="server" (java -Xmx1g -jar "%SERVER_JAR%" %ARGS% & exit /b %ERRORLEVEL%)
if /i "%CMD%"=="kiosk" (java -Xmx1g -XX:+UseParallelGC -jar "%KIOSK_JAR%" %ARGS% & exit /b %ERRORLEVEL%)
if /i "%CMD%"=="print" (java -jar "%PRINT_JAR%" %ARGS% & exit /b %ERRORLEVEL%)
if /i "%CMD%"=="rehearse" (java -jar "%REHEARSAL_JAR%" %ARGS% & exit /b %ERRORLEVEL%)
:usage
findstr /b "rem   " "%~f0"
exit /b 2
:build
rem Windows has no cheap "newer than" test: build when a jar is missing (delete target\ to force a rebuild)
if exist "%SERVER_JAR%" if exist "%PRINT_JAR%" if exist "%KIOSK_JAR%" if exist "%REHEARSAL_JAR%" exit /b 0
echo Building Lanyard (first run takes a few minutes)...
pushd "%ROOT%"
call mvn -B -q -DskipTests package -pl shared-model,printer-drivers,sync-server,kiosk-app,rehearsal -am
set "RC=%ERRORLEVEL%"
popd
exit /b %RC%
