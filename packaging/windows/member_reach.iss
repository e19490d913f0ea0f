; Inno Setup script of the Windows installer: per user, no administrator rights.
; Built by the release workflow (.github/workflows/release.yml) after packaging/build.py:
;   iscc /DAppVersion=<version from pyproject.toml> packaging\windows\member_reach.iss
; It installs dist\member_reach\ into the user's own programs folder, adds a Start-menu entry,
; and its uninstaller removes only what it installed: the members' data in
; %LOCALAPPDATA%\member_reach (databases, backups, settings) stays.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z member_reach.iss
#endif

[Setup]
AppId={{7C1D3F6E-2B8A-4F5D-9C3E-5A7B1E2D4C60}
AppName=member_reach
AppVersion={#AppVersion}
AppPublisher=member_reach
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\member_reach
DefaultGroupName=member_reach
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
OutputDir=..\..\dist
OutputBaseFilename=member_reach-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\app\member_reach.ico
UninstallDisplayIcon={app}\member_reach.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\member_reach\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\member_reach"; Filename: "{app}\member_reach.exe"
Name: "{userdesktop}\member_reach"; Filename: "{app}\member_reach.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\member_reach.exe"; Description: "{cm:LaunchProgram,member_reach}"; Flags: nowait postinstall skipifsilent
