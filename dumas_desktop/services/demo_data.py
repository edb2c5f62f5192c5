"""Words for the demo office: places of the regency or province, and what people
complain about to a KPU office."""

from __future__ import annotations

from faker.providers.person.id_ID import Provider as IndonesianNames

FIRST_NAMES_MALE = tuple(IndonesianNames.first_names_male)
FIRST_NAMES_FEMALE = tuple(IndonesianNames.first_names_female)
LAST_NAMES = tuple(IndonesianNames.last_names_male) + tuple(IndonesianNames.last_names_female)
# Names common in West Kalimantan's Dayak and Catholic communities, absent from Faker's list.
LOCAL_NAMES = (
    "Yohanes",
    "Agustinus",
    "Fransiskus",
    "Maria",
    "Veronika",
    "Stefanus",
    "Antonius",
    "Yosefa",
    "Paulus",
    "Theresia",
    "Matius",
    "Kristina",
    "Ignatius",
    "Benediktus",
    "Yuliana",
    "Aloysius",
)

# Kecamatan of Kabupaten Sanggau with some of their desa/kelurahan; NIK district codes (61.03.xx).
SANGGAU_DISTRICTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Kapuas": (
        "01",
        (
            "Beringin",
            "Ilir Kota",
            "Tanjung Sekayam",
            "Sungai Sengkuang",
            "Bunut",
            "Sungai Mawang",
            "Penyeladi",
            "Lape",
            "Semerangkai",
            "Entakai",
        ),
    ),
    "Mukok": ("02", ("Kedukul", "Inggis", "Semuntai", "Sungai Mawang Mukok", "Pampang Dua")),
    "Jangkang": ("03", ("Balai Sebut", "Jangkang Benua", "Ketori", "Empiang", "Semirau", "Tanggung")),
    "Bonti": ("04", ("Bonti", "Empodis", "Kampuh", "Tunggul Boyok", "Upe", "Majel")),
    "Parindu": ("05", ("Pusat Damai", "Maringin Jaya", "Binjai", "Sebarra", "Hibun", "Pandu Raya")),
    "Tayan Hilir": ("06", ("Kawat", "Pedalaman", "Tebang Benua", "Sejotang", "Emberas", "Subah")),
    "Balai": ("07", ("Padi Kaye", "Senyabang", "Temiang Mali", "Cempedak", "Hilir")),
    "Tayan Hulu": ("08", ("Sosok", "Kedakas", "Engkasan", "Binjai Tayan Hulu", "Menyabo")),
    "Kembayan": ("09", ("Tanjung Merpati", "Kuala Dua", "Sebongkuh", "Sungai Tekam", "Tanap")),
    "Beduwai": ("10", ("Beduwai", "Sebetung", "Teraju", "Tanjung Bunga")),
    "Noyan": ("11", ("Noyan", "Empoto", "Sungai Dangin", "Idas")),
    "Sekayam": ("12", ("Balai Karangan", "Lubuk Sabuk", "Kenaman", "Raut Muara", "Semanget")),
    "Entikong": ("13", ("Entikong", "Nekan", "Pala Pasang", "Suruh Tembawang", "Semanget Entikong")),
    "Meliau": ("14", ("Meliau Hilir", "Meliau Hulu", "Baru Lombak", "Kuala Buayan", "Cupang Gading")),
    "Toba": ("15", ("Teraju Toba", "Bagan Asam", "Kampung Baru", "Sansat", "Belungai")),
}

# Kabupaten/kota of Sumatera Barat with some of their kecamatan; NIK regency codes (13.xx).
SUMBAR_REGENCIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Kota Padang": ("71", ("Padang Barat", "Padang Timur", "Koto Tangah", "Kuranji", "Lubuk Begalung")),
    "Kota Bukittinggi": ("75", ("Guguk Panjang", "Mandiangin Koto Selayan", "Aur Birugo Tigo Baleh")),
    "Kota Payakumbuh": ("76", ("Payakumbuh Barat", "Payakumbuh Utara", "Lamposi Tigo Nagori")),
    "Kota Solok": ("72", ("Lubuk Sikarah", "Tanjung Harapan")),
    "Kota Pariaman": ("77", ("Pariaman Tengah", "Pariaman Utara", "Pariaman Selatan")),
    "Kabupaten Agam": ("06", ("Lubuk Basung", "Tanjung Raya", "Baso", "Tilatang Kamang", "Ampek Angkek")),
    "Kabupaten Tanah Datar": ("04", ("Batusangkar", "Lima Kaum", "Pariangan", "Rambatan", "Sungai Tarab")),
    "Kabupaten Padang Pariaman": ("05", ("Lubuk Alung", "Nan Sabaris", "Sungai Limau", "Batang Anai")),
    "Kabupaten Lima Puluh Kota": ("07", ("Harau", "Guguak", "Luak", "Payakumbuh", "Akabiluru")),
    "Kabupaten Pesisir Selatan": ("01", ("Painan", "Bayang", "Batang Kapas", "Lengayang", "Linggo Sari Baganti")),
    "Kabupaten Solok": ("02", ("Kubung", "Gunung Talang", "Lembah Gumanti", "Bukit Sundi")),
    "Kabupaten Pasaman Barat": ("12", ("Pasaman", "Kinali", "Sungai Beremas", "Luhak Nan Duo")),
    "Kabupaten Dharmasraya": ("10", ("Pulau Punjung", "Koto Baru", "Sitiung", "Timpeh")),
}

OCCUPATIONS = (
    "Petani",
    "Guru",
    "Wiraswasta",
    "Pedagang",
    "Mahasiswa",
    "Ibu rumah tangga",
    "Karyawan swasta",
    "Nelayan",
    "Pensiunan",
    "Buruh harian",
    "Tokoh masyarakat",
    "Pengurus partai politik",
    "Pemantau pemilu",
    "Perangkat desa",
)

RESPONDENT_POSITIONS = (
    ("Ketua PPS", "PPS Desa {village}"),
    ("Anggota PPS", "PPS Desa {village}"),
    ("Sekretaris PPS", "PPS Desa {village}"),
    ("Ketua PPK", "PPK Kecamatan {district}"),
    ("Anggota PPK", "PPK Kecamatan {district}"),
    ("Ketua KPPS", "KPPS TPS {tps} Desa {village}"),
    ("Anggota KPPS", "KPPS TPS {tps} Desa {village}"),
    ("Pantarlih", "Desa {village}"),
    ("Operator Sidalih", "Sekretariat {office}"),
    ("Staf Subbagian Teknis", "Sekretariat {office}"),
    ("Anggota", "{office}"),
)

# Subjects per classification; {village}, {district} and {tps} are filled in.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "netralitas": (
        "Dugaan ketidaknetralan {position} karena hadir dalam kampanye pasangan calon",
        "{position} mengunggah dukungan kepada calon di media sosial",
        "{position} diduga menjadi anggota tim pemenangan partai politik",
    ),
    "kode_etik": (
        "Dugaan pelanggaran kode etik oleh {position} saat rekapitulasi di {district}",
        "{position} diduga menerima imbalan dari peserta pemilu",
        "{position} bersikap tidak profesional dalam melayani pemilih",
    ),
    "daftar_pemilih": (
        "Warga Desa {village} tidak terdaftar dalam DPT padahal telah dicoklit",
        "Pemilih yang telah meninggal masih tercantum dalam DPT TPS {tps} Desa {village}",
        "Pemilih ganda dalam daftar pemilih TPS {tps} Desa {village}",
    ),
    "politik_uang": (
        "Dugaan pembagian uang oleh {position} menjelang hari pemungutan suara",
        "{position} diduga membagikan sembako atas nama calon di Desa {village}",
    ),
    "pelayanan": (
        "Pelayanan pindah memilih di kantor {office} lambat dan berbelit",
        "Formulir C Pemberitahuan tidak dibagikan kepada warga Desa {village}",
        "TPS {tps} Desa {village} dibuka terlambat pada hari pemungutan suara",
    ),
    "rekrutmen_adhoc": (
        "Keberatan atas hasil seleksi anggota PPS Desa {village}",
        "Anggota KPPS TPS {tps} Desa {village} diduga anggota partai politik",
    ),
    "administrasi": (
        "Honorarium badan ad hoc PPS Desa {village} belum dibayarkan",
        "Salinan hasil penghitungan suara TPS {tps} Desa {village} tidak diberikan kepada saksi",
    ),
    "kepegawaian": ("Dugaan pelanggaran disiplin pegawai sekretariat oleh {position}",),
    "informasi_publik": ("Permohonan informasi hasil rekapitulasi Kecamatan {district} tidak ditanggapi",),
    "lainnya": ("Pengaduan terkait kegiatan sosialisasi di Desa {village}",),
}

DESCRIPTION = (
    "Pelapor menyampaikan bahwa {subject_lower}. Kejadian berlangsung di {place} dan disaksikan oleh beberapa "
    "warga. Pelapor meminta KPU menindaklanjuti pengaduan ini sesuai ketentuan yang berlaku."
)

RULES = (
    "Peraturan KPU Nomor 8 Tahun 2019 tentang Tata Kerja KPU, KPU Provinsi, dan KPU Kabupaten/Kota",
    "Peraturan DKPP Nomor 2 Tahun 2017 tentang Kode Etik dan Pedoman Perilaku Penyelenggara Pemilu",
    "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum, Pasal 3",
    "Peraturan KPU Nomor 7 Tahun 2022 tentang Penyusunan Daftar Pemilih",
)

SANCTIONS = (
    "Teguran tertulis",
    "Peringatan keras",
    "Pemberhentian sementara",
    "Pemberhentian tetap",
    "Rehabilitasi nama baik terlapor",
)
