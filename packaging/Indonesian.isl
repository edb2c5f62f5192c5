; *** Inno Setup 6.5.0+ Indonesian messages for Dumas Desktop ***
;
; An original translation written for this project, not a copy of any other translation;
; released under the project's MIT licence (see pyproject.toml). Only the message names,
; which are Inno Setup's interface, follow Inno Setup 6.5's Default.isl.
;
; Saved as UTF-8 with a byte order mark: Inno Setup 6 reads such a file as Unicode, which is
; why LanguageCodePage is 0. tests/test_installer_messages.py checks that every message of
; Default.isl 6.5 is here and keeps its placeholders (%1, %n, [name], ...).
;
; Terms used throughout: Setup = Penginstal (the program) / instalasi (the process);
; Uninstall = Penghapus Instalasi / menghapus instalasi; file = berkas; shortcut = pintasan;
; Start Menu = menu Mulai; registry = registri; drive = drive; component = komponen.

[LangOptions]
LanguageName=Bahasa Indonesia
LanguageID=$0421
LanguageCodePage=0

[Messages]

; *** Application titles
SetupAppTitle=Penginstal
SetupWindowTitle=Penginstal - %1
UninstallAppTitle=Penghapus Instalasi
UninstallAppFullTitle=Penghapus Instalasi %1

; *** Misc. common
InformationTitle=Informasi
ConfirmTitle=Konfirmasi
ErrorTitle=Kesalahan

; *** SetupLdr messages
SetupLdrStartupMessage=Program ini akan memasang %1. Lanjutkan?
LdrCannotCreateTemp=Berkas sementara tidak dapat dibuat. Instalasi dihentikan
LdrCannotExecTemp=Berkas di folder sementara tidak dapat dijalankan. Instalasi dihentikan
HelpTextNote=

; *** Startup error messages
LastErrorMessage=%1.%n%nKesalahan %2: %3
SetupFileMissing=Berkas %1 tidak ada di folder instalasi. Perbaiki masalah itu atau dapatkan salinan baru program ini.
SetupFileCorrupt=Berkas-berkas instalasi rusak. Dapatkan salinan baru program ini.
SetupFileCorruptOrWrongVer=Berkas-berkas instalasi rusak, atau tidak cocok dengan versi Penginstal ini. Perbaiki masalah itu atau dapatkan salinan baru program ini.
InvalidParameter=Parameter yang tidak sah diberikan pada baris perintah:%n%n%1
SetupAlreadyRunning=Penginstal sudah berjalan.
WindowsVersionNotSupported=Program ini tidak mendukung versi Windows yang berjalan di komputer Anda.
WindowsServicePackRequired=Program ini memerlukan %1 Service Pack %2 atau yang lebih baru.
NotOnThisPlatform=Program ini tidak akan berjalan di %1.
OnlyOnThisPlatform=Program ini harus dijalankan di %1.
OnlyOnTheseArchitectures=Program ini hanya dapat dipasang pada versi Windows yang dirancang untuk arsitektur prosesor berikut:%n%n%1
WinVersionTooLowError=Program ini memerlukan %1 versi %2 atau yang lebih baru.
WinVersionTooHighError=Program ini tidak dapat dipasang pada %1 versi %2 atau yang lebih baru.
AdminPrivilegesRequired=Anda harus masuk sebagai administrator untuk memasang program ini.
PowerUserPrivilegesRequired=Anda harus masuk sebagai administrator atau anggota grup Power Users untuk memasang program ini.
SetupAppRunningError=Penginstal mendapati bahwa %1 sedang berjalan.%n%nTutup semua jendelanya sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
UninstallAppRunningError=Penghapus Instalasi mendapati bahwa %1 sedang berjalan.%n%nTutup semua jendelanya sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.

; *** Startup questions
PrivilegesRequiredOverrideTitle=Pilih Mode Instalasi
PrivilegesRequiredOverrideInstruction=Pilih mode instalasi
PrivilegesRequiredOverrideText1=%1 dapat dipasang untuk semua pengguna (memerlukan hak administrator), atau hanya untuk Anda.
PrivilegesRequiredOverrideText2=%1 dapat dipasang hanya untuk Anda, atau untuk semua pengguna (memerlukan hak administrator).
PrivilegesRequiredOverrideAllUsers=Pasang untuk &semua pengguna
PrivilegesRequiredOverrideAllUsersRecommended=Pasang untuk &semua pengguna (disarankan)
PrivilegesRequiredOverrideCurrentUser=Pasang hanya untuk saya &sendiri
PrivilegesRequiredOverrideCurrentUserRecommended=Pasang hanya untuk saya &sendiri (disarankan)

; *** Misc. errors
ErrorCreatingDir=Penginstal tidak dapat membuat folder "%1"
ErrorTooManyFilesInDir=Berkas tidak dapat dibuat di folder "%1" karena folder itu berisi terlalu banyak berkas

; *** Setup common messages
ExitSetupTitle=Keluar dari Penginstal
ExitSetupMessage=Instalasi belum selesai. Bila Anda keluar sekarang, program tidak akan terpasang.%n%nAnda dapat menjalankan Penginstal lagi di lain waktu untuk menyelesaikan instalasi.%n%nKeluar dari Penginstal?
AboutSetupMenuItem=&Tentang Penginstal...
AboutSetupTitle=Tentang Penginstal
AboutSetupMessage=%1 versi %2%n%3%n%nHalaman web %1:%n%4
AboutSetupNote=
TranslatorNote=

; *** Buttons
ButtonBack=< &Kembali
ButtonNext=&Lanjut >
ButtonInstall=&Pasang
ButtonOK=OK
ButtonCancel=Batal
ButtonYes=&Ya
ButtonYesToAll=Ya untuk &Semua
ButtonNo=&Tidak
ButtonNoToAll=T&idak untuk Semua
ButtonFinish=&Selesai
ButtonBrowse=&Telusuri...
ButtonWizardBrowse=T&elusuri...
ButtonNewFolder=&Buat Folder Baru

; *** "Select Language" dialog messages
SelectLanguageTitle=Pilih Bahasa Penginstal
SelectLanguageLabel=Pilih bahasa yang dipakai selama instalasi.

; *** Common wizard text
ClickNext=Klik Lanjut untuk melanjutkan, atau Batal untuk keluar dari Penginstal.
BeveledLabel=
BrowseDialogTitle=Telusuri Folder
BrowseDialogLabel=Pilih sebuah folder dalam daftar di bawah ini, lalu klik OK.
NewFolderName=Folder Baru

; *** "Welcome" wizard page
WelcomeLabel1=Selamat datang di Wizard Instalasi [name]
WelcomeLabel2=Wizard ini akan memasang [name/ver] di komputer Anda.%n%nSebaiknya tutup semua aplikasi lain sebelum melanjutkan.

; *** "Password" wizard page
WizardPassword=Kata Sandi
PasswordLabel1=Instalasi ini dilindungi kata sandi.
PasswordLabel3=Masukkan kata sandi, lalu klik Lanjut untuk melanjutkan. Huruf besar dan kecil pada kata sandi dibedakan.
PasswordEditLabel=&Kata sandi:
IncorrectPassword=Kata sandi yang Anda masukkan salah. Coba lagi.

; *** "License Agreement" wizard page
WizardLicense=Perjanjian Lisensi
LicenseLabel=Bacalah informasi penting berikut sebelum melanjutkan.
LicenseLabel3=Bacalah Perjanjian Lisensi berikut. Anda harus menerima ketentuan perjanjian ini sebelum melanjutkan instalasi.
LicenseAccepted=Saya &menerima perjanjian ini
LicenseNotAccepted=Saya &tidak menerima perjanjian ini

; *** "Information" wizard pages
WizardInfoBefore=Informasi
InfoBeforeLabel=Bacalah informasi penting berikut sebelum melanjutkan.
InfoBeforeClickLabel=Bila Anda siap melanjutkan instalasi, klik Lanjut.
WizardInfoAfter=Informasi
InfoAfterLabel=Bacalah informasi penting berikut sebelum melanjutkan.
InfoAfterClickLabel=Bila Anda siap melanjutkan instalasi, klik Lanjut.

; *** "User Information" wizard page
WizardUserInfo=Informasi Pengguna
UserInfoDesc=Masukkan informasi Anda.
UserInfoName=&Nama pengguna:
UserInfoOrg=&Organisasi:
UserInfoSerial=Nomor &seri:
UserInfoNameRequired=Anda harus memasukkan nama.

; *** "Select Destination Location" wizard page
WizardSelectDir=Pilih Lokasi Tujuan
SelectDirDesc=Di mana [name] akan dipasang?
SelectDirLabel3=Penginstal akan memasang [name] ke dalam folder berikut.
SelectDirBrowseLabel=Untuk melanjutkan, klik Lanjut. Bila Anda ingin memilih folder lain, klik Telusuri.
DiskSpaceGBLabel=Diperlukan ruang disk kosong paling sedikit [gb] GB.
DiskSpaceMBLabel=Diperlukan ruang disk kosong paling sedikit [mb] MB.
CannotInstallToNetworkDrive=Penginstal tidak dapat memasang ke drive jaringan.
CannotInstallToUNCPath=Penginstal tidak dapat memasang ke jalur UNC.
InvalidPath=Anda harus memasukkan jalur lengkap dengan huruf drive; misalnya:%n%nC:\APP%n%natau jalur UNC dengan bentuk:%n%n\\server\share
InvalidDrive=Drive atau folder bersama UNC yang Anda pilih tidak ada atau tidak dapat diakses. Pilih yang lain.
DiskSpaceWarningTitle=Ruang Disk Tidak Cukup
DiskSpaceWarning=Penginstal memerlukan ruang kosong paling sedikit %1 KB untuk memasang, tetapi drive yang dipilih hanya memiliki %2 KB.%n%nTetap lanjutkan?
DirNameTooLong=Nama folder atau jalurnya terlalu panjang.
InvalidDirName=Nama folder tidak sah.
BadDirName32=Nama folder tidak boleh memuat satu pun karakter berikut:%n%n%1
DirExistsTitle=Folder Sudah Ada
DirExists=Folder:%n%n%1%n%nsudah ada. Tetap pasang ke folder itu?
DirDoesntExistTitle=Folder Tidak Ada
DirDoesntExist=Folder:%n%n%1%n%ntidak ada. Buat folder itu?

; *** "Select Components" wizard page
WizardSelectComponents=Pilih Komponen
SelectComponentsDesc=Komponen mana yang akan dipasang?
SelectComponentsLabel2=Pilih komponen yang ingin Anda pasang; hapus centang komponen yang tidak ingin Anda pasang. Klik Lanjut bila Anda siap melanjutkan.
FullInstallation=Instalasi lengkap
CompactInstallation=Instalasi ringkas
CustomInstallation=Instalasi pilihan sendiri
NoUninstallWarningTitle=Komponen Sudah Ada
NoUninstallWarning=Penginstal mendapati bahwa komponen berikut sudah terpasang di komputer Anda:%n%n%1%n%nMembatalkan pilihan komponen ini tidak akan menghapus instalasinya.%n%nTetap lanjutkan?
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceGBLabel=Pilihan saat ini memerlukan ruang disk paling sedikit [gb] GB.
ComponentsDiskSpaceMBLabel=Pilihan saat ini memerlukan ruang disk paling sedikit [mb] MB.

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=Pilih Tugas Tambahan
SelectTasksDesc=Tugas tambahan apa yang akan dikerjakan?
SelectTasksLabel2=Pilih tugas tambahan yang Anda ingin dikerjakan Penginstal selama memasang [name], lalu klik Lanjut.

; *** "Select Start Menu Folder" wizard page
WizardSelectProgramGroup=Pilih Folder Menu Mulai
SelectStartMenuFolderDesc=Di mana Penginstal akan menaruh pintasan program?
SelectStartMenuFolderLabel3=Penginstal akan membuat pintasan program di folder menu Mulai berikut.
SelectStartMenuFolderBrowseLabel=Untuk melanjutkan, klik Lanjut. Bila Anda ingin memilih folder lain, klik Telusuri.
MustEnterGroupName=Anda harus memasukkan nama folder.
GroupNameTooLong=Nama folder atau jalurnya terlalu panjang.
InvalidGroupName=Nama folder tidak sah.
BadGroupName=Nama folder tidak boleh memuat satu pun karakter berikut:%n%n%1
NoProgramGroupCheck2=&Jangan buat folder menu Mulai

; *** "Ready to Install" wizard page
WizardReady=Siap Memasang
ReadyLabel1=Penginstal sekarang siap mulai memasang [name] di komputer Anda.
ReadyLabel2a=Klik Pasang untuk melanjutkan instalasi, atau klik Kembali bila Anda ingin memeriksa atau mengubah pengaturan.
ReadyLabel2b=Klik Pasang untuk melanjutkan instalasi.
ReadyMemoUserInfo=Informasi pengguna:
ReadyMemoDir=Lokasi tujuan:
ReadyMemoType=Jenis instalasi:
ReadyMemoComponents=Komponen yang dipilih:
ReadyMemoGroup=Folder menu Mulai:
ReadyMemoTasks=Tugas tambahan:

; *** TDownloadWizardPage wizard page and DownloadTemporaryFile
DownloadingLabel2=Mengunduh berkas...
ButtonStopDownload=&Hentikan unduhan
StopDownload=Anda yakin ingin menghentikan unduhan?
ErrorDownloadAborted=Unduhan dihentikan
ErrorDownloadFailed=Unduhan gagal: %1 %2
ErrorDownloadSizeFailed=Gagal mendapatkan ukuran: %1 %2
ErrorProgress=Kemajuan tidak sah: %1 dari %2
ErrorFileSize=Ukuran berkas tidak sah: seharusnya %1, ternyata %2

; *** TExtractionWizardPage wizard page and ExtractArchive
ExtractingLabel=Mengekstrak berkas...
ButtonStopExtraction=&Hentikan ekstraksi
StopExtraction=Anda yakin ingin menghentikan ekstraksi?
ErrorExtractionAborted=Ekstraksi dihentikan
ErrorExtractionFailed=Ekstraksi gagal: %1

; *** Archive extraction failure details
ArchiveIncorrectPassword=Kata sandinya salah
ArchiveIsCorrupted=Arsipnya rusak
ArchiveUnsupportedFormat=Format arsip ini tidak didukung

; *** "Preparing to Install" wizard page
WizardPreparing=Bersiap Memasang
PreparingDesc=Penginstal sedang bersiap memasang [name] di komputer Anda.
PreviousInstallNotCompleted=Instalasi/penghapusan program sebelumnya belum selesai. Anda perlu memulai ulang komputer untuk menyelesaikannya.%n%nSetelah komputer dimulai ulang, jalankan Penginstal lagi untuk menyelesaikan instalasi [name].
CannotContinue=Penginstal tidak dapat melanjutkan. Klik Batal untuk keluar.
ApplicationsFound=Aplikasi berikut memakai berkas yang perlu diperbarui oleh Penginstal. Sebaiknya Anda mengizinkan Penginstal menutup aplikasi ini secara otomatis.
ApplicationsFound2=Aplikasi berikut memakai berkas yang perlu diperbarui oleh Penginstal. Sebaiknya Anda mengizinkan Penginstal menutup aplikasi ini secara otomatis. Setelah instalasi selesai, Penginstal akan mencoba memulai ulang aplikasi itu.
CloseApplications=&Tutup aplikasi secara otomatis
DontCloseApplications=&Jangan tutup aplikasi
ErrorCloseApplications=Penginstal tidak dapat menutup semua aplikasi secara otomatis. Sebaiknya Anda menutup semua aplikasi yang memakai berkas yang perlu diperbarui oleh Penginstal sebelum melanjutkan.
PrepareToInstallNeedsRestart=Penginstal harus memulai ulang komputer Anda. Setelah komputer dimulai ulang, jalankan Penginstal lagi untuk menyelesaikan instalasi [name].%n%nMulai ulang sekarang?

; *** "Installing" wizard page
WizardInstalling=Memasang
InstallingLabel=Tunggu sementara Penginstal memasang [name] di komputer Anda.

; *** "Setup Completed" wizard page
FinishedHeadingLabel=Menyelesaikan Wizard Instalasi [name]
FinishedLabelNoIcons=Penginstal telah selesai memasang [name] di komputer Anda.
FinishedLabel=Penginstal telah selesai memasang [name] di komputer Anda. Aplikasi dapat dijalankan dengan memilih pintasan yang telah dipasang.
ClickFinish=Klik Selesai untuk keluar dari Penginstal.
FinishedRestartLabel=Untuk menyelesaikan instalasi [name], Penginstal harus memulai ulang komputer Anda. Mulai ulang sekarang?
FinishedRestartMessage=Untuk menyelesaikan instalasi [name], Penginstal harus memulai ulang komputer Anda.%n%nMulai ulang sekarang?
ShowReadmeCheck=Ya, saya ingin melihat berkas README
YesRadio=&Ya, mulai ulang komputer sekarang
NoRadio=&Tidak, saya akan memulai ulang komputer nanti
RunEntryExec=Jalankan %1
RunEntryShellExec=Lihat %1

; *** "Setup Needs the Next Disk" stuff
ChangeDiskTitle=Penginstal Memerlukan Disk Berikutnya
SelectDiskLabel2=Masukkan Disk %1 lalu klik OK.%n%nBila berkas pada disk ini ada di folder lain selain yang ditampilkan di bawah ini, masukkan jalur yang benar atau klik Telusuri.
PathLabel=&Jalur:
FileNotInDir2=Berkas "%1" tidak ditemukan di "%2". Masukkan disk yang benar atau pilih folder lain.
SelectDirectoryLabel=Tentukan lokasi disk berikutnya.

; *** Installation phase messages
SetupAborted=Instalasi belum selesai.%n%nPerbaiki masalahnya lalu jalankan Penginstal lagi.
AbortRetryIgnoreSelectAction=Pilih tindakan
AbortRetryIgnoreRetry=&Coba lagi
AbortRetryIgnoreIgnore=&Abaikan kesalahan ini dan lanjutkan
AbortRetryIgnoreCancel=Batalkan instalasi
RetryCancelSelectAction=Pilih tindakan
RetryCancelRetry=&Coba lagi
RetryCancelCancel=Batal

; *** Installation status messages
StatusClosingApplications=Menutup aplikasi...
StatusCreateDirs=Membuat folder...
StatusExtractFiles=Mengekstrak berkas...
StatusDownloadFiles=Mengunduh berkas...
StatusCreateIcons=Membuat pintasan...
StatusCreateIniEntries=Membuat entri INI...
StatusCreateRegistryEntries=Membuat entri registri...
StatusRegisterFiles=Mendaftarkan berkas...
StatusSavingUninstall=Menyimpan informasi penghapusan instalasi...
StatusRunProgram=Menyelesaikan instalasi...
StatusRestartingApplications=Memulai ulang aplikasi...
StatusRollback=Membatalkan perubahan...

; *** Misc. errors
ErrorInternal2=Kesalahan internal: %1
ErrorFunctionFailedNoCode=%1 gagal
ErrorFunctionFailed=%1 gagal; kode %2
ErrorFunctionFailedWithMessage=%1 gagal; kode %2.%n%3
ErrorExecutingProgram=Berkas tidak dapat dijalankan:%n%1

; *** Registry errors
ErrorRegOpenKey=Kesalahan saat membuka kunci registri:%n%1\%2
ErrorRegCreateKey=Kesalahan saat membuat kunci registri:%n%1\%2
ErrorRegWriteKey=Kesalahan saat menulis ke kunci registri:%n%1\%2

; *** INI errors
ErrorIniEntry=Kesalahan saat membuat entri INI di berkas "%1".

; *** File copying errors
FileAbortRetryIgnoreSkipNotRecommended=&Lewati berkas ini (tidak disarankan)
FileAbortRetryIgnoreIgnoreNotRecommended=&Abaikan kesalahan ini dan lanjutkan (tidak disarankan)
SourceIsCorrupted=Berkas sumber rusak
SourceDoesntExist=Berkas sumber "%1" tidak ada
SourceVerificationFailed=Pemeriksaan berkas sumber gagal: %1
VerificationSignatureDoesntExist=Berkas tanda tangan "%1" tidak ada
VerificationSignatureInvalid=Berkas tanda tangan "%1" tidak sah
VerificationKeyNotFound=Berkas tanda tangan "%1" memakai kunci yang tidak dikenal
VerificationFileNameIncorrect=Nama berkas tidak benar
VerificationFileTagIncorrect=Tanda berkas tidak benar
VerificationFileSizeIncorrect=Ukuran berkas tidak benar
VerificationFileHashIncorrect=Nilai hash berkas tidak benar
ExistingFileReadOnly2=Berkas yang ada tidak dapat diganti karena bertanda hanya-baca.
ExistingFileReadOnlyRetry=&Hapus tanda hanya-baca lalu coba lagi
ExistingFileReadOnlyKeepExisting=&Pertahankan berkas yang ada
ErrorReadingExistingDest=Terjadi kesalahan saat mencoba membaca berkas yang ada:
FileExistsSelectAction=Pilih tindakan
FileExists2=Berkas itu sudah ada.
FileExistsOverwriteExisting=&Timpa berkas yang ada
FileExistsKeepExisting=&Pertahankan berkas yang ada
FileExistsOverwriteOrKeepAll=&Lakukan ini untuk bentrok berikutnya
ExistingFileNewerSelectAction=Pilih tindakan
ExistingFileNewer2=Berkas yang ada lebih baru daripada berkas yang akan dipasang Penginstal.
ExistingFileNewerOverwriteExisting=&Timpa berkas yang ada
ExistingFileNewerKeepExisting=&Pertahankan berkas yang ada (disarankan)
ExistingFileNewerOverwriteOrKeepAll=&Lakukan ini untuk bentrok berikutnya
ErrorChangingAttr=Terjadi kesalahan saat mencoba mengubah atribut berkas yang ada:
ErrorCreatingTemp=Terjadi kesalahan saat mencoba membuat berkas di folder tujuan:
ErrorReadingSource=Terjadi kesalahan saat mencoba membaca berkas sumber:
ErrorCopying=Terjadi kesalahan saat mencoba menyalin berkas:
ErrorDownloading=Terjadi kesalahan saat mencoba mengunduh berkas:
ErrorExtracting=Terjadi kesalahan saat mencoba mengekstrak arsip:
ErrorReplacingExistingFile=Terjadi kesalahan saat mencoba mengganti berkas yang ada:
ErrorRestartReplace=RestartReplace gagal:
ErrorRenamingTemp=Terjadi kesalahan saat mencoba mengganti nama berkas di folder tujuan:
ErrorRegisterServer=DLL/OCX tidak dapat didaftarkan: %1
ErrorRegSvr32Failed=RegSvr32 gagal dengan kode keluar %1
ErrorRegisterTypeLib=Pustaka jenis (type library) tidak dapat didaftarkan: %1

; *** Uninstall display name markings
UninstallDisplayNameMark=%1 (%2)
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32-bit
UninstallDisplayNameMark64Bit=64-bit
UninstallDisplayNameMarkAllUsers=Semua pengguna
UninstallDisplayNameMarkCurrentUser=Pengguna saat ini

; *** Post-installation errors
ErrorOpeningReadme=Terjadi kesalahan saat mencoba membuka berkas README.
ErrorRestartingComputer=Penginstal tidak dapat memulai ulang komputer. Lakukanlah secara manual.

; *** Uninstaller messages
UninstallNotFound=Berkas "%1" tidak ada. Instalasi tidak dapat dihapus.
UninstallOpenError=Berkas "%1" tidak dapat dibuka. Instalasi tidak dapat dihapus
UninstallUnsupportedVer=Berkas log penghapusan instalasi "%1" berformat yang tidak dikenali oleh versi Penghapus Instalasi ini. Instalasi tidak dapat dihapus
UninstallUnknownEntry=Ditemukan entri yang tidak dikenal (%1) di log penghapusan instalasi
ConfirmUninstall=Anda yakin ingin menghapus %1 beserta semua komponennya sepenuhnya?
UninstallOnlyOnWin64=Instalasi ini hanya dapat dihapus di Windows 64-bit.
OnlyAdminCanUninstall=Instalasi ini hanya dapat dihapus oleh pengguna dengan hak administrator.
UninstallStatusLabel=Tunggu sementara %1 dihapus dari komputer Anda.
UninstalledAll=%1 berhasil dihapus dari komputer Anda.
UninstalledMost=Penghapusan instalasi %1 selesai.%n%nBeberapa bagian tidak dapat dihapus. Bagian itu dapat dihapus secara manual.
UninstalledAndNeedsRestart=Untuk menyelesaikan penghapusan instalasi %1, komputer Anda harus dimulai ulang.%n%nMulai ulang sekarang?
UninstallDataCorrupted=Berkas "%1" rusak. Instalasi tidak dapat dihapus

; *** Uninstallation phase messages
ConfirmDeleteSharedFileTitle=Hapus Berkas Bersama?
ConfirmDeleteSharedFile2=Sistem menunjukkan bahwa berkas bersama berikut tidak lagi dipakai oleh program mana pun. Apakah Penghapus Instalasi boleh menghapus berkas bersama ini?%n%nBila masih ada program yang memakai berkas ini lalu berkas ini dihapus, program itu mungkin tidak berfungsi dengan benar. Bila Anda ragu, pilih Tidak. Membiarkan berkas ini di sistem Anda tidak akan menimbulkan kerugian apa pun.
SharedFileNameLabel=Nama berkas:
SharedFileLocationLabel=Lokasi:
WizardUninstalling=Status Penghapusan Instalasi
StatusUninstalling=Menghapus instalasi %1...

; *** Shutdown block reasons
ShutdownBlockReasonInstallingApp=Memasang %1.
ShutdownBlockReasonUninstallingApp=Menghapus instalasi %1.

[CustomMessages]

NameAndVersion=%1 versi %2
AdditionalIcons=Pintasan tambahan:
CreateDesktopIcon=Buat pintasan di &desktop
CreateQuickLaunchIcon=Buat pintasan di &Luncur Cepat
ProgramOnTheWeb=%1 di Web
UninstallProgram=Hapus instalasi %1
LaunchProgram=Jalankan %1
AssocFileExtension=&Kaitkan %1 dengan ekstensi berkas %2
AssocingFileExtension=Mengaitkan %1 dengan ekstensi berkas %2...
AutoStartProgramGroupDescription=Mulai otomatis:
AutoStartProgram=Jalankan %1 secara otomatis
AddonHostProgramNotFound=%1 tidak ditemukan di folder yang Anda pilih.%n%nTetap lanjutkan?
