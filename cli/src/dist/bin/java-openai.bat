@echo off
rem The java-openai command line, from the downloaded archive. Needs only Java 17 or later:
rem %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, otherwise the java on the PATH.
rem JAVA_OPENAI_OPTS adds options for the JVM, such as -Xmx256m.
rem JAVA_OPENAI_CDS=off turns off the start-up cache described below.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
    set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA_EXE=java.exe"
)

rem A command runs for a second or less: the JIT's first tier and the serial collector start fastest.
set "JVM_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

rem The start-up cache: a CDS archive of the classes in lib\java-openai.classlist, dumped once by
rem this Java for this install into %LOCALAPPDATA%\java-openai (about 1.5 s, once), then mapped at
rem every start. Its name holds the install's folder and the Java's path. An archive the JVM
rem cannot use is ignored without a word. No blocks in parentheses below: a path such as
rem "C:\Program Files (x86)" would end them early.
set "CDS_OPTS="
if /i "%JAVA_OPENAI_CDS%"=="off" goto run
if not exist "%APP_HOME%\lib\java-openai.classlist" goto run
if not defined LOCALAPPDATA goto run
for %%I in ("%APP_HOME%") do set "CDS_KEY=%%~fI_%JAVA_EXE%"
set "CDS_KEY=%CDS_KEY:\=_%"
set "CDS_KEY=%CDS_KEY::=_%"
set "CDS_DIR=%LOCALAPPDATA%\java-openai"
set "CDS_JSA=%CDS_DIR%\cds-%CDS_KEY%.jsa"
if exist "%CDS_JSA%" goto usecds
if exist "%CDS_JSA%.failed" goto run
if not exist "%CDS_DIR%" mkdir "%CDS_DIR%" >nul 2>&1
"%JAVA_EXE%" -Xshare:dump "-XX:SharedClassListFile=%APP_HOME%\lib\java-openai.classlist" "-XX:SharedArchiveFile=%CDS_JSA%.tmp" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "%APP_HOME%\lib\*" >nul 2>&1
if errorlevel 1 goto dumpfailed
move /y "%CDS_JSA%.tmp" "%CDS_JSA%" >nul 2>&1
if exist "%CDS_JSA%" goto usecds
:dumpfailed
rem This Java cannot make one: do not try again at every start.
del /f /q "%CDS_JSA%.tmp" >nul 2>&1
type nul > "%CDS_JSA%.failed" 2>nul
goto run
:usecds
set CDS_OPTS="-XX:SharedArchiveFile=%CDS_JSA%" -Xlog:cds=off -Xlog:cds+dynamic=off

:run
"%JAVA_EXE%" %JVM_OPTS% %CDS_OPTS% %JAVA_OPENAI_OPTS% -cp "%APP_HOME%\lib\*" io.github.javaopenai.cli.Main %*
exit /b %ERRORLEVEL%
