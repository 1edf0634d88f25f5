; Inno Setup script for gridapp on Windows 10 and later (64-bit): installs dist\gridapp\ (PyInstaller, build.spec)
; under Program Files with start-menu and desktop shortcuts and an uninstaller. Data stays in the user's folder
; (platformdirs), so uninstalling never removes a database.  Compile: iscc /DAppVersion=0.2.0 installer\gridapp.iss
; Saved as UTF-8 with a byte-order mark: Inno Setup reads Chinese text correctly only then.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1B5C2E-3D4A-4E8B-9C71-2A5D8E0F4B13}
AppName=网格化管理综合信息采集簿
AppVersion={#AppVersion}
AppPublisher=gridapp
DefaultDirName={autopf}\gridapp
DefaultGroupName=网格化管理综合信息采集簿
UninstallDisplayIcon={app}\gridapp.exe
OutputDir=..\dist
OutputBaseFilename=gridapp-{#AppVersion}-setup
SetupIconFile=..\resources\icons\gridapp.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\gridapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\网格化管理综合信息采集簿"; Filename: "{app}\gridapp.exe"
Name: "{group}\{cm:UninstallProgram,网格化管理综合信息采集簿}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\网格化管理综合信息采集簿"; Filename: "{app}\gridapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\gridapp.exe"; Description: "{cm:LaunchProgram,网格化管理综合信息采集簿}"; Flags: nowait postinstall skipifsilent
