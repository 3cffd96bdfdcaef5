@echo off
rem cchc-xl @VERSION@: offline installer for a Windows PC with Excel (no internet, no PowerShell).
rem Written by `cchc-xl addin bundle`; CRLF line endings; messages in UTF-8 (chcp 65001).
rem Steps: Python @PYTHON@ 64-bit through the py launcher; Excel closed; a venv beside this file;
rem pip install from .\wheels only; `cchc-xl addin install` (the add-in into Excel's XLSTART).
rem Every echo of a path quotes it: an ampersand in a folder name would otherwise end the echo and run the rest.
setlocal EnableExtensions
for /f "tokens=2 delims=:." %%c in ('chcp') do set "CCHC_OLDCP=%%c"
chcp 65001 >nul
set "HERE=%~dp0"
set "VENV=%HERE%venv"
set "WHEELS=%HERE%wheels"
set "PY=py -@PYTHON@-64"
title cchc-xl @VERSION@

echo Cài đặt cchc-xl @VERSION@ (thẻ CCHC trong Excel), không cần Internet.
echo Thư mục cài đặt: "%HERE%"
echo Sau khi cài, đừng xóa hay di chuyển thư mục này (add-in dùng Python trong thư mục venv).
echo.

rem ---- 1. Python @PYTHON@ (64-bit) through the py launcher
where py >nul 2>nul
if errorlevel 1 goto no_launcher
%PY% -c "import sys" >nul 2>nul
if errorlevel 1 goto no_python
echo [1/4] Có Python @PYTHON@ (64-bit).

rem ---- 2. Excel closed: a loaded add-in is locked and cannot be replaced
tasklist /FI "IMAGENAME eq EXCEL.EXE" /NH 2>nul | find /I "EXCEL.EXE" >nul
if not errorlevel 1 goto excel_open
echo [2/4] Excel đã đóng.

rem ---- 3. A venv beside this file, packages from .\wheels only
if exist "%VENV%\Scripts\python.exe" goto have_venv
%PY% -m venv "%VENV%"
if errorlevel 1 goto venv_failed
:have_venv
rem cchc-xl's own wheel first, replaced even when the venv holds the same version: a newer bundle of the same
rem version would otherwise leave the old code in place ("Requirement already satisfied").
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%WHEELS%" --only-binary=:all: --disable-pip-version-check --force-reinstall --no-deps "cchc-xl==@VERSION@"
if errorlevel 1 goto pip_failed
rem Then what it needs, as the metadata just installed says.
"%VENV%\Scripts\python.exe" -m pip install --no-index --find-links "%WHEELS%" --only-binary=:all: --disable-pip-version-check --upgrade "cchc-xl[addin]==@VERSION@"
if errorlevel 1 goto pip_failed
echo [3/4] Đã cài cchc-xl @VERSION@ vào "%VENV%".

rem ---- 4. The add-in, built with this venv's Python and copied into XLSTART
"%VENV%\Scripts\python.exe" -m cchc_xl addin install
if errorlevel 1 goto addin_failed
echo [4/4] Đã cài add-in.
echo.
echo XONG. Mở Excel: thẻ CCHC nằm trên ribbon.
echo Dòng lệnh (kiểm tra, tổng hợp…): "%VENV%\Scripts\cchc-xl.exe" --help
echo Danh mục đơn vị của cơ quan: "%VENV%\Scripts\cchc-xl.exe" config init -d "THƯ MỤC CỦA VĂN PHÒNG" --level xa
set "CCHC_RC=0"
goto end

:no_launcher
echo LỖI: không tìm thấy lệnh py (Python Launcher for Windows).
echo Cài Python @PYTHON@ cho Windows, bản 64-bit (python-@PYTHON@.x-amd64.exe từ python.org; bộ phận CNTT có thể
echo chép sẵn bộ cài), giữ lựa chọn "py launcher" khi cài, rồi chạy lại cai-dat.cmd.
set "CCHC_RC=2"
goto end

:no_python
echo LỖI: máy có lệnh py nhưng chưa có Python @PYTHON@ bản 64-bit. Các gói trong thư mục wheels chỉ dùng được với
echo Python @PYTHON@ 64-bit. Các Python đang có trên máy:
py -0
echo Cài Python @PYTHON@ bản 64-bit (python-@PYTHON@.x-amd64.exe) rồi chạy lại cai-dat.cmd.
set "CCHC_RC=2"
goto end

:excel_open
echo LỖI: Excel đang mở. Lưu và đóng mọi cửa sổ Excel (kể cả Excel chạy ngầm: Task Manager, EXCEL.EXE),
echo rồi chạy lại cai-dat.cmd: add-in đang được Excel dùng thì không thay được.
set "CCHC_RC=3"
goto end

:venv_failed
echo LỖI: không tạo được môi trường Python trong "%VENV%".
echo Thư mục này phải ghi được (chép cả thư mục bộ cài vào ổ đĩa của máy, ví dụ C:\cchc-xl, rồi chạy lại).
set "CCHC_RC=4"
goto end

:pip_failed
echo LỖI: pip không cài được từ thư mục wheels (xem dòng lỗi ở trên). Bộ cài này dành cho Python @PYTHON@
echo 64-bit trên Windows; nếu thiếu tệp, chép lại cả thư mục bộ cài.
set "CCHC_RC=5"
goto end

:addin_failed
echo LỖI: không cài được add-in (xem dòng lỗi ở trên). Excel phải đóng; thư mục XLSTART:
echo   "%APPDATA%\Microsoft\Excel\XLSTART"
set "CCHC_RC=6"
goto end

:end
echo.
if not defined CCHC_NO_PAUSE pause
if defined CCHC_OLDCP chcp %CCHC_OLDCP% >nul
endlocal & exit /b %CCHC_RC%
