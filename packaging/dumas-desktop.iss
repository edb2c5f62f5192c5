; Inno Setup script: a per-user installer for the one-folder build (no administrator rights).
;
;   1. Build the folder on Windows:   pyinstaller --noconfirm build.spec
;   2. Compile this script:           iscc packaging\dumas-desktop.iss
;   -> dist\installer\DumasDesktop-Setup-0.1.0.exe
;
; The program lives in {localappdata}\Programs\Dumas Desktop. The office's data lives
; elsewhere, in {localappdata}\KPU\Dumas Desktop (Qt's AppLocalDataLocation), which this
; installer never creates, changes or removes: uninstalling or upgrading leaves it alone.

; Needs Inno Setup 6.5 or newer: x64compatible needs 6.3, and the
; Indonesian messages file below is written for 6.5.0+.
#if Ver < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 atau lebih baru diperlukan untuk skrip ini.
#endif

; Indonesian is among Inno Setup's unofficial translations, which its installer does not
; put in compiler:Languages. The messages file is read from this folder:
; packaging\Indonesian.isl, from https://github.com/jrsoftware/issrc
; (Files/Languages/Unofficial/Indonesian.isl; Inno Setup's licence, which allows
; redistribution: https://jrsoftware.org/files/is/license.txt). Without it the installer
; still compiles, in English, with a warning.
#define IndonesianMessages AddBackslash(SourcePath) + "Indonesian.isl"

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
#if FileExists(IndonesianMessages)
; English first, Indonesian over it: a message the translation lacks falls back to English.
Name: "indonesian"; MessagesFile: "compiler:Default.isl,Indonesian.isl"
#else
  #pragma warning "packaging\Indonesian.isl tidak ada: penginstal dibuat berbahasa Inggris."
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

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
