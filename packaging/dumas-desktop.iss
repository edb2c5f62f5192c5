; Inno Setup script: a per-user installer for the one-folder build (no administrator rights).
;
;   1. Build the folder on Windows:   pyinstaller --noconfirm build.spec
;   2. Compile this script:           iscc packaging\dumas-desktop.iss
;   -> dist\installer\DumasDesktop-Setup-0.1.0.exe
;
; The program lives in {localappdata}\Programs\Dumas Desktop. The office's data lives
; elsewhere, in {localappdata}\KPU\Dumas Desktop (Qt's AppLocalDataLocation), which this
; installer never creates, changes or removes: uninstalling or upgrading leaves it alone.

; Needs Inno Setup 6.5.0 or newer: x64compatible needs 6.3, and Indonesian.isl carries the
; messages of 6.5's Default.isl (a later version's new messages show in English, with a
; compiler warning naming them).
#if Ver < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 atau lebih baru diperlukan untuk skrip ini.
#endif

; Inno Setup installs no Indonesian messages file (its Indonesian translation is among the
; unofficial ones), so the project keeps its own beside this script: packaging\Indonesian.isl,
; an original translation under the project's MIT licence. The installer compiles from the
; repository alone.

#define AppName "Dumas Desktop"
#define AppVersion "0.1.0"
#define AppExe "dumas-desktop.exe"

[Setup]
AppId={{6B0F7A4E-2D3C-4E8B-9B61-3C8D2F1A7E55}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=KPU
; {autopf} is {localappdata}\Programs for a per-user install and Program Files only when the
; person chooses "all users" in the dialog; {user...} constants would be wrong then.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist\installer
OutputBaseFilename=DumasDesktop-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
; Relative to this script's folder.
Name: "indonesian"; MessagesFile: "Indonesian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole built folder; an upgrade replaces the program's files only.
Source: "..\dist\dumas-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older build that the new one no longer has (never the data folder).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
