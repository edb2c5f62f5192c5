"""The installer speaks Indonesian from the repository alone: packaging/Indonesian.isl (the
project's own translation) has every message of Inno Setup 6.5's Default.isl, keeps each
message's placeholders and accelerator, lets no English through, and the script uses it
(its minimum Inno Setup version is checked in test_packaging.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MESSAGES_FILE = ROOT / "packaging" / "Indonesian.isl"
SCRIPT = ROOT / "packaging" / "dumas-desktop.iss"

# Every message name of Inno Setup 6.5's Default.isl ([Messages] and [CustomMessages]), with
# what its English text holds and a translation must keep: numbered arguments (%1...), line
# breaks (%n, once per break), named placeholders ([name], [name/ver], [gb], [mb]) and "&"
# for a keyboard accelerator.
MESSAGES: dict[str, str] = {
    "SetupAppTitle": "",
    "SetupWindowTitle": "%1",
    "UninstallAppTitle": "",
    "UninstallAppFullTitle": "%1",
    "InformationTitle": "",
    "ConfirmTitle": "",
    "ErrorTitle": "",
    "SetupLdrStartupMessage": "%1",
    "LdrCannotCreateTemp": "",
    "LdrCannotExecTemp": "",
    "HelpTextNote": "",
    "LastErrorMessage": "%1 %2 %3 %n %n",
    "SetupFileMissing": "%1",
    "SetupFileCorrupt": "",
    "SetupFileCorruptOrWrongVer": "",
    "InvalidParameter": "%1 %n %n",
    "SetupAlreadyRunning": "",
    "WindowsVersionNotSupported": "",
    "WindowsServicePackRequired": "%1 %2",
    "NotOnThisPlatform": "%1",
    "OnlyOnThisPlatform": "%1",
    "OnlyOnTheseArchitectures": "%1 %n %n",
    "WinVersionTooLowError": "%1 %2",
    "WinVersionTooHighError": "%1 %2",
    "AdminPrivilegesRequired": "",
    "PowerUserPrivilegesRequired": "",
    "SetupAppRunningError": "%1 %n %n",
    "UninstallAppRunningError": "%1 %n %n",
    "PrivilegesRequiredOverrideTitle": "",
    "PrivilegesRequiredOverrideInstruction": "",
    "PrivilegesRequiredOverrideText1": "%1",
    "PrivilegesRequiredOverrideText2": "%1",
    "PrivilegesRequiredOverrideAllUsers": "&",
    "PrivilegesRequiredOverrideAllUsersRecommended": "&",
    "PrivilegesRequiredOverrideCurrentUser": "&",
    "PrivilegesRequiredOverrideCurrentUserRecommended": "&",
    "ErrorCreatingDir": "%1",
    "ErrorTooManyFilesInDir": "%1",
    "ExitSetupTitle": "",
    "ExitSetupMessage": "%n %n %n %n",
    "AboutSetupMenuItem": "&",
    "AboutSetupTitle": "",
    "AboutSetupMessage": "%1 %2 %3 %4 %n %n %n %n",
    "AboutSetupNote": "",
    "TranslatorNote": "",
    "ButtonBack": "&",
    "ButtonNext": "&",
    "ButtonInstall": "&",
    "ButtonOK": "",
    "ButtonCancel": "",
    "ButtonYes": "&",
    "ButtonYesToAll": "&",
    "ButtonNo": "&",
    "ButtonNoToAll": "&",
    "ButtonFinish": "&",
    "ButtonBrowse": "&",
    "ButtonWizardBrowse": "&",
    "ButtonNewFolder": "&",
    "SelectLanguageTitle": "",
    "SelectLanguageLabel": "",
    "ClickNext": "",
    "BeveledLabel": "",
    "BrowseDialogTitle": "",
    "BrowseDialogLabel": "",
    "NewFolderName": "",
    "WelcomeLabel1": "[name]",
    "WelcomeLabel2": "%n %n [name/ver]",
    "WizardPassword": "",
    "PasswordLabel1": "",
    "PasswordLabel3": "",
    "PasswordEditLabel": "&",
    "IncorrectPassword": "",
    "WizardLicense": "",
    "LicenseLabel": "",
    "LicenseLabel3": "",
    "LicenseAccepted": "&",
    "LicenseNotAccepted": "&",
    "WizardInfoBefore": "",
    "InfoBeforeLabel": "",
    "InfoBeforeClickLabel": "",
    "WizardInfoAfter": "",
    "InfoAfterLabel": "",
    "InfoAfterClickLabel": "",
    "WizardUserInfo": "",
    "UserInfoDesc": "",
    "UserInfoName": "&",
    "UserInfoOrg": "&",
    "UserInfoSerial": "&",
    "UserInfoNameRequired": "",
    "WizardSelectDir": "",
    "SelectDirDesc": "[name]",
    "SelectDirLabel3": "[name]",
    "SelectDirBrowseLabel": "",
    "DiskSpaceGBLabel": "[gb]",
    "DiskSpaceMBLabel": "[mb]",
    "CannotInstallToNetworkDrive": "",
    "CannotInstallToUNCPath": "",
    "InvalidPath": "%n %n %n %n %n %n",
    "InvalidDrive": "",
    "DiskSpaceWarningTitle": "",
    "DiskSpaceWarning": "%1 %2 %n %n",
    "DirNameTooLong": "",
    "InvalidDirName": "",
    "BadDirName32": "%1 %n %n",
    "DirExistsTitle": "",
    "DirExists": "%1 %n %n %n %n",
    "DirDoesntExistTitle": "",
    "DirDoesntExist": "%1 %n %n %n %n",
    "WizardSelectComponents": "",
    "SelectComponentsDesc": "",
    "SelectComponentsLabel2": "",
    "FullInstallation": "",
    "CompactInstallation": "",
    "CustomInstallation": "",
    "NoUninstallWarningTitle": "",
    "NoUninstallWarning": "%1 %n %n %n %n %n %n",
    "ComponentSize1": "%1",
    "ComponentSize2": "%1",
    "ComponentsDiskSpaceGBLabel": "[gb]",
    "ComponentsDiskSpaceMBLabel": "[mb]",
    "WizardSelectTasks": "",
    "SelectTasksDesc": "",
    "SelectTasksLabel2": "[name]",
    "WizardSelectProgramGroup": "",
    "SelectStartMenuFolderDesc": "",
    "SelectStartMenuFolderLabel3": "",
    "SelectStartMenuFolderBrowseLabel": "",
    "MustEnterGroupName": "",
    "GroupNameTooLong": "",
    "InvalidGroupName": "",
    "BadGroupName": "%1 %n %n",
    "NoProgramGroupCheck2": "&",
    "WizardReady": "",
    "ReadyLabel1": "[name]",
    "ReadyLabel2a": "",
    "ReadyLabel2b": "",
    "ReadyMemoUserInfo": "",
    "ReadyMemoDir": "",
    "ReadyMemoType": "",
    "ReadyMemoComponents": "",
    "ReadyMemoGroup": "",
    "ReadyMemoTasks": "",
    "DownloadingLabel2": "",
    "ButtonStopDownload": "&",
    "StopDownload": "",
    "ErrorDownloadAborted": "",
    "ErrorDownloadFailed": "%1 %2",
    "ErrorDownloadSizeFailed": "%1 %2",
    "ErrorProgress": "%1 %2",
    "ErrorFileSize": "%1 %2",
    "ExtractingLabel": "",
    "ButtonStopExtraction": "&",
    "StopExtraction": "",
    "ErrorExtractionAborted": "",
    "ErrorExtractionFailed": "%1",
    "ArchiveIncorrectPassword": "",
    "ArchiveIsCorrupted": "",
    "ArchiveUnsupportedFormat": "",
    "WizardPreparing": "",
    "PreparingDesc": "[name]",
    "PreviousInstallNotCompleted": "%n %n [name]",
    "CannotContinue": "",
    "ApplicationsFound": "",
    "ApplicationsFound2": "",
    "CloseApplications": "&",
    "DontCloseApplications": "&",
    "ErrorCloseApplications": "",
    "PrepareToInstallNeedsRestart": "%n %n [name]",
    "WizardInstalling": "",
    "InstallingLabel": "[name]",
    "FinishedHeadingLabel": "[name]",
    "FinishedLabelNoIcons": "[name]",
    "FinishedLabel": "[name]",
    "ClickFinish": "",
    "FinishedRestartLabel": "[name]",
    "FinishedRestartMessage": "%n %n [name]",
    "ShowReadmeCheck": "",
    "YesRadio": "&",
    "NoRadio": "&",
    "RunEntryExec": "%1",
    "RunEntryShellExec": "%1",
    "ChangeDiskTitle": "",
    "SelectDiskLabel2": "%1 %n %n",
    "PathLabel": "&",
    "FileNotInDir2": "%1 %2",
    "SelectDirectoryLabel": "",
    "SetupAborted": "%n %n",
    "AbortRetryIgnoreSelectAction": "",
    "AbortRetryIgnoreRetry": "&",
    "AbortRetryIgnoreIgnore": "&",
    "AbortRetryIgnoreCancel": "",
    "RetryCancelSelectAction": "",
    "RetryCancelRetry": "&",
    "RetryCancelCancel": "",
    "StatusClosingApplications": "",
    "StatusCreateDirs": "",
    "StatusExtractFiles": "",
    "StatusDownloadFiles": "",
    "StatusCreateIcons": "",
    "StatusCreateIniEntries": "",
    "StatusCreateRegistryEntries": "",
    "StatusRegisterFiles": "",
    "StatusSavingUninstall": "",
    "StatusRunProgram": "",
    "StatusRestartingApplications": "",
    "StatusRollback": "",
    "ErrorInternal2": "%1",
    "ErrorFunctionFailedNoCode": "%1",
    "ErrorFunctionFailed": "%1 %2",
    "ErrorFunctionFailedWithMessage": "%1 %2 %3 %n",
    "ErrorExecutingProgram": "%1 %n",
    "ErrorRegOpenKey": "%1 %2 %n",
    "ErrorRegCreateKey": "%1 %2 %n",
    "ErrorRegWriteKey": "%1 %2 %n",
    "ErrorIniEntry": "%1",
    "FileAbortRetryIgnoreSkipNotRecommended": "&",
    "FileAbortRetryIgnoreIgnoreNotRecommended": "&",
    "SourceIsCorrupted": "",
    "SourceDoesntExist": "%1",
    "SourceVerificationFailed": "%1",
    "VerificationSignatureDoesntExist": "%1",
    "VerificationSignatureInvalid": "%1",
    "VerificationKeyNotFound": "%1",
    "VerificationFileNameIncorrect": "",
    "VerificationFileTagIncorrect": "",
    "VerificationFileSizeIncorrect": "",
    "VerificationFileHashIncorrect": "",
    "ExistingFileReadOnly2": "",
    "ExistingFileReadOnlyRetry": "&",
    "ExistingFileReadOnlyKeepExisting": "&",
    "ErrorReadingExistingDest": "",
    "FileExistsSelectAction": "",
    "FileExists2": "",
    "FileExistsOverwriteExisting": "&",
    "FileExistsKeepExisting": "&",
    "FileExistsOverwriteOrKeepAll": "&",
    "ExistingFileNewerSelectAction": "",
    "ExistingFileNewer2": "",
    "ExistingFileNewerOverwriteExisting": "&",
    "ExistingFileNewerKeepExisting": "&",
    "ExistingFileNewerOverwriteOrKeepAll": "&",
    "ErrorChangingAttr": "",
    "ErrorCreatingTemp": "",
    "ErrorReadingSource": "",
    "ErrorCopying": "",
    "ErrorDownloading": "",
    "ErrorExtracting": "",
    "ErrorReplacingExistingFile": "",
    "ErrorRestartReplace": "",
    "ErrorRenamingTemp": "",
    "ErrorRegisterServer": "%1",
    "ErrorRegSvr32Failed": "%1",
    "ErrorRegisterTypeLib": "%1",
    "UninstallDisplayNameMark": "%1 %2",
    "UninstallDisplayNameMarks": "%1 %2 %3",
    "UninstallDisplayNameMark32Bit": "",
    "UninstallDisplayNameMark64Bit": "",
    "UninstallDisplayNameMarkAllUsers": "",
    "UninstallDisplayNameMarkCurrentUser": "",
    "ErrorOpeningReadme": "",
    "ErrorRestartingComputer": "",
    "UninstallNotFound": "%1",
    "UninstallOpenError": "%1",
    "UninstallUnsupportedVer": "%1",
    "UninstallUnknownEntry": "%1",
    "ConfirmUninstall": "%1",
    "UninstallOnlyOnWin64": "",
    "OnlyAdminCanUninstall": "",
    "UninstallStatusLabel": "%1",
    "UninstalledAll": "%1",
    "UninstalledMost": "%1 %n %n",
    "UninstalledAndNeedsRestart": "%1 %n %n",
    "UninstallDataCorrupted": "%1",
    "ConfirmDeleteSharedFileTitle": "",
    "ConfirmDeleteSharedFile2": "%n %n",
    "SharedFileNameLabel": "",
    "SharedFileLocationLabel": "",
    "WizardUninstalling": "",
    "StatusUninstalling": "%1",
    "ShutdownBlockReasonInstallingApp": "%1",
    "ShutdownBlockReasonUninstallingApp": "%1",
}
CUSTOM_MESSAGES: dict[str, str] = {
    "NameAndVersion": "%1 %2",
    "AdditionalIcons": "",
    "CreateDesktopIcon": "&",
    "CreateQuickLaunchIcon": "&",
    "ProgramOnTheWeb": "%1",
    "UninstallProgram": "%1",
    "LaunchProgram": "%1",
    "AssocFileExtension": "%1 %2 &",
    "AssocingFileExtension": "%1 %2",
    "AutoStartProgramGroupDescription": "",
    "AutoStartProgram": "%1",
    "AddonHostProgramNotFound": "%1 %n %n",
}
# Empty in English too; Inno Setup asks that AboutSetupNote stay empty.
EMPTY_ALLOWED = {"HelpTextNote", "AboutSetupNote", "TranslatorNote", "BeveledLabel"}
# English words a message must not show (words Indonesian borrows, such as folder, wizard,
# desktop or OK, are not listed).
ENGLISH = re.compile(
    r"\b(the|and|you|your|please|this|is|are|not|to|of|Setup|Click|Next|Back|Cancel|Browse|Install|"
    r"Uninstall|Finish|Yes|No|Error|file|files|Select|Downloading|Extracting|failed|Ready|Welcome)\b",
    re.IGNORECASE,
)


def sections(text: str) -> dict[str, dict[str, str]]:
    """The .isl's sections as Inno Setup reads them: `name=value` lines, `;` comments."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{line!r} before any section"
        name, sep, value = line.partition("=")
        assert sep, f"{line!r} has no ="
        assert name not in current, f"{name} given twice"
        current[name] = value
    return found


def holds(text: str) -> str:
    """What of MESSAGES' placeholders a text holds, in MESSAGES' notation."""
    numbers = [f"%{d}" for d in sorted(set(re.findall(r"%(\d)", text)))]
    breaks = ["%n"] * text.count("%n")
    named = sorted(set(re.findall(r"\[[a-z/]+\]", text)))
    accelerator = ["&"] if "&" in text.replace("&&", "") else []
    return " ".join(numbers + breaks + named + accelerator)


@pytest.fixture(scope="module")
def isl() -> dict[str, dict[str, str]]:
    raw = MESSAGES_FILE.read_bytes()
    # Inno Setup 6 reads a messages file as Unicode only when it starts with the UTF-8 BOM.
    assert raw.startswith(b"\xef\xbb\xbf")
    return sections(raw.decode("utf-8-sig"))


def test_the_file_is_unicode_indonesian(isl):
    assert isl["LangOptions"]["LanguageName"] == "Bahasa Indonesia"
    assert isl["LangOptions"]["LanguageID"] == "$0421"
    assert isl["LangOptions"]["LanguageCodePage"] == "0"  # Unicode: no ANSI code page
    assert set(isl) == {"LangOptions", "Messages", "CustomMessages"}


@pytest.mark.parametrize(("section", "expected"), [("Messages", MESSAGES), ("CustomMessages", CUSTOM_MESSAGES)])
def test_every_message_is_translated_and_keeps_its_placeholders(isl, section, expected):
    translated = isl[section]
    assert sorted(set(expected) - set(translated)) == []  # missing: Inno Setup would show English
    assert sorted(set(translated) - set(expected)) == []  # unknown to Inno Setup 6.5
    for name, placeholders in expected.items():
        text = translated[name]
        if name in EMPTY_ALLOWED:
            continue
        assert text.strip(), f"{name} is empty"
        assert holds(text) == placeholders, f"{name}: {text!r} holds {holds(text)!r}, not {placeholders!r}"
    assert translated.get("AboutSetupNote", "") == ""


def test_no_english_is_left(isl):
    leaks = {
        name: found.group(0)
        for section in ("Messages", "CustomMessages")
        for name, text in isl[section].items()
        if (found := ENGLISH.search(text))
    }
    assert leaks == {}


def test_the_english_check_finds_english():
    assert ENGLISH.search("Click Next to continue")
    assert ENGLISH.search("Penginstal tidak dapat membuka the file")
    assert not ENGLISH.search("Klik Lanjut untuk melanjutkan, atau Batal untuk keluar dari Penginstal.")


def test_the_placeholder_check_sees_each_kind():
    assert holds("%1 versi %2%n%3%n%nHalaman web %1:%n%4") == "%1 %2 %3 %4 %n %n %n %n"
    assert holds("Memasang [name/ver] ke [name], [name]") == "[name/ver] [name]"
    assert holds("Ya untuk &Semua") == "&" and holds("A && B") == ""


def test_the_installer_script_uses_it_alone():
    script = SCRIPT.read_text(encoding="utf-8")
    languages = script[script.index("[Languages]") + len("[Languages]") : script.index("[Tasks]")]
    entries = [line for line in languages.splitlines() if line and not line.startswith(";")]
    assert entries == ['Name: "indonesian"; MessagesFile: "Indonesian.isl"']
