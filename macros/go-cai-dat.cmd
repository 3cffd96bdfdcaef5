@echo off
rem cchc-xl @VERSION@: undoes cai-dat.cmd. Removes the add-in from Excel's XLSTART and the venv beside
rem this file; keeps the office's cau-hinh-cchc folders, the user's APPDATA\cchc-xl and every workbook.
rem Every echo of a path quotes it: an ampersand in a folder name would otherwise end the echo and run the rest.
setlocal EnableExtensions
for /f "tokens=2 delims=:." %%c in ('chcp') do set "CCHC_OLDCP=%%c"
chcp 65001 >nul
set "HERE=%~dp0"
set "VENV=%HERE%venv"
set "XLAM=%APPDATA%\Microsoft\Excel\XLSTART\cchc_xl.xlam"
title cchc-xl @VERSION@

echo Gỡ cchc-xl @VERSION@ (thẻ CCHC trong Excel).

rem ---- Excel closed: a loaded add-in is locked and cannot be deleted
tasklist /FI "IMAGENAME eq EXCEL.EXE" /NH 2>nul | find /I "EXCEL.EXE" >nul
if not errorlevel 1 goto excel_open

if not exist "%XLAM%" goto no_addin
del /f /q "%XLAM%"
if exist "%XLAM%" goto del_failed
echo Đã xóa add-in: "%XLAM%"
goto venv
:no_addin
echo Không có add-in "%XLAM%" (đã gỡ trước đó).

:venv
if not exist "%VENV%" goto done
rmdir /s /q "%VENV%"
if exist "%VENV%" goto venv_failed
echo Đã xóa môi trường Python: "%VENV%"

:done
echo.
echo XONG. Thư mục cau-hinh-cchc của văn phòng, "%APPDATA%\cchc-xl" và các tệp Excel được giữ nguyên.
echo Có thể xóa thư mục bộ cài này.
set "CCHC_RC=0"
goto end

:excel_open
echo LỖI: Excel đang mở. Đóng mọi cửa sổ Excel (kể cả Excel chạy ngầm: Task Manager, EXCEL.EXE) rồi chạy lại.
set "CCHC_RC=3"
goto end

:del_failed
echo LỖI: không xóa được "%XLAM%" (Excel còn chạy, hoặc tệp chỉ đọc).
set "CCHC_RC=4"
goto end

:venv_failed
echo LỖI: không xóa hết "%VENV%" (có chương trình đang dùng Python trong đó?). Đóng Excel rồi chạy lại.
set "CCHC_RC=4"
goto end

:end
echo.
if not defined CCHC_NO_PAUSE pause
if defined CCHC_OLDCP chcp %CCHC_OLDCP% >nul
endlocal & exit /b %CCHC_RC%
