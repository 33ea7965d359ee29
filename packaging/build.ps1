# Build IBP Desktop for Windows: the PyInstaller folder, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Dist dist] [-Work build\pyinstaller]
#                                                                [-Python py] [-NoInstaller]
#
# Result: dist\ibp-desktop\ (IBP Desktop.exe for the Start menu, ibp-desktop.exe for the command
# line) and dist\ibp-desktop-<version>-setup.exe. Needs Python 3.11+ (python.org) and Inno Setup 6
# (jrsoftware.org; ISCC.exe is looked up in PATH and the usual install folders). Uses .venv in the
# checkout; creates it from packaging\requirements.lock when missing. The version comes from
# pyproject.toml (packaging\project_version.py).

param(
    [string]$Dist = "dist",
    [string]$Work = "build\pyinstaller",
    [string]$Python = "py",
    [switch]$NoInstaller
)

$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Say([string]$Message) { Write-Host "[build] $Message" }
function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

$Dist = [System.IO.Path]::GetFullPath((Join-Path $Root $Dist))
$Work = [System.IO.Path]::GetFullPath((Join-Path $Root $Work))
$Venv = Join-Path $Root ".venv"
$Py = Join-Path $Venv "Scripts\python.exe"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"

if (-not (Test-Path $Py)) {
    Say "creating $Venv with packaging\requirements.lock"
    Invoke-Checked "python -m venv" { & $Python -m venv $Venv }
    Invoke-Checked "pip install" { & $Py -m pip install --quiet -r packaging\requirements.lock }
}
Invoke-Checked "the program's packages in $Venv" { & $Py -c "import PySide6, sqlcipher3, sqlalchemy, keyring" }

# Build tools: pip only when requirements-build.lock changed since the last build.
$Stamp = Join-Path $Venv ".ibp-build-tools"
$LockHash = (Get-FileHash packaging\requirements-build.lock -Algorithm SHA256).Hash
if (-not (Test-Path $Stamp) -or (Get-Content $Stamp) -ne $LockHash) {
    Say "pip install -r packaging\requirements-build.lock"
    Invoke-Checked "pip install (build tools)" { & $Py -m pip install --quiet -r packaging\requirements-build.lock }
    Set-Content -Path $Stamp -Value $LockHash
}

$Version = (& $Py packaging\project_version.py).Trim()
$Numeric = (& $Py -c "import sys; sys.path.insert(0, 'packaging'); from project_version import windows_numbers as w, project_version as v; print('.'.join(map(str, w(v()))))").Trim()
Say "IBP Desktop $Version -> $Dist\ibp-desktop"

$Timer = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Checked "PyInstaller" {
    & $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath $Dist --workpath $Work packaging\ibp_desktop.spec
}
$Bundle = Join-Path $Dist "ibp-desktop"
$Size = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB), 0)
Say ("built in {0:N0} s; size $Size MB" -f $Timer.Elapsed.TotalSeconds)

# Start the built program once, headless: the demo, then the login window and out again.
$Smoke = Join-Path $env:TEMP ("ibp-smoke-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
try {
    Invoke-Checked "demo in the bundle" { & "$Bundle\ibp-desktop.exe" demo --no-gui --data-dir "$Smoke" | Out-Null }
    $Out = & "$Bundle\ibp-desktop.exe" --data-dir "$Smoke" --smoke-test
    if ($LASTEXITCODE -ne 0 -or -not ($Out -contains "venster getoond: Inloggen")) {
        throw "the built program did not reach the login window: $Out"
    }
    Say "check: demo and login window work"
} finally {
    Remove-Item Env:QT_QPA_PLATFORM
    Remove-Item -Recurse -Force $Smoke -ErrorAction SilentlyContinue
}

if ($NoInstaller) { exit 0 }

$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php or use -NoInstaller" }

Invoke-Checked "Inno Setup" {
    & $Iscc /Q "/DAppVersion=$Version" "/DAppVersionNumeric=$Numeric" "/DSourceDir=$Bundle" "/DOutputDir=$Dist" packaging\windows\ibp-desktop.iss
}
Say "installer: $Dist\ibp-desktop-$Version-setup.exe"
