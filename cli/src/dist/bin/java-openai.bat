@echo off
rem The java-openai command line, from the downloaded archive. Needs only Java 17 or later:
rem %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, otherwise the java on the PATH.
rem JAVA_OPENAI_OPTS adds options for the JVM, such as -Xmx256m.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
    set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA_EXE=java.exe"
)
"%JAVA_EXE%" %JAVA_OPENAI_OPTS% -cp "%APP_HOME%\lib\*" io.github.javaopenai.cli.Main %*
exit /b %ERRORLEVEL%
