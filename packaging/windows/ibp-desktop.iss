; Inno Setup 6 script for IBP Desktop: a per-user installer (no administrator rights needed).
;
; Built by packaging\build.ps1, which passes the version from pyproject.toml:
;   ISCC.exe /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DSourceDir=..\..\dist\ibp-desktop ibp-desktop.iss
;
; Installs the PyInstaller folder into %LOCALAPPDATA%\Programs\IBP Desktop, adds a Start-menu entry
; (and on request a desktop icon) and an uninstaller. The school's data lives elsewhere
; (%LOCALAPPDATA%\IBP Desktop: database, settings, back-ups) and is never touched by installing,
; updating or uninstalling. An update is simply the newer installer: it closes the running program,
; replaces the program files, and the database migrates itself at the next start (after a copy).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\ibp-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "IBP Desktop"
#define GuiExe "IBP Desktop.exe"

[Setup]
; The AppId ties updates and the uninstaller to earlier installs: never change it.
AppId={{5B0E7C2A-3D4F-4C55-9A8E-1D6A8A1D6A8A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Privacy en informatiebeveiliging (AVG) voor basisscholen
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
; Per user: {autopf} is %LOCALAPPDATA%\Programs when the installer runs without admin rights.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
UsePreviousAppDir=yes
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\ibp-desktop.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=ibp-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update closes a running IBP Desktop first (it makes its closing back-up) and does not restart it.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program files wholly, so no module of the old version lingers. Program
; files only: the data folder is somewhere else.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "Privacy en informatiebeveiliging voor uw school"
Name: "{group}\{#AppName} - demoschool"; Filename: "{app}\{#GuiExe}"; Parameters: "demo"; WorkingDir: "{app}"; Comment: "Probeer het programma met verzonnen gegevens"
Name: "{group}\{#AppName} verwijderen"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ Say plainly that uninstalling keeps the school's records: they are legally required to be kept. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('IBP Desktop is verwijderd. De gegevens van de school (database, instellingen en back-ups) ' +
           'zijn NIET verwijderd en staan nog in ' + ExpandConstant('{localappdata}\IBP Desktop') + '.' + #13#10 +
           'Installeert u het programma opnieuw, dan opent het deze gegevens weer. Wilt u ze echt kwijt, ' +
           'vernietig ze dan volgens de bewaartermijnen van de school.', mbInformation, MB_OK);
end;
