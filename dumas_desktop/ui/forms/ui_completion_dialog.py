# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'completion_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QSizePolicy, QWidget)

class Ui_CompletionDialog(object):
    def setupUi(self, CompletionDialog):
        if not CompletionDialog.objectName():
            CompletionDialog.setObjectName(u"CompletionDialog")
        CompletionDialog.resize(560, 380)
        self.form = QFormLayout(CompletionDialog)
        self.form.setObjectName(u"form")
        self.noteLabel = QLabel(CompletionDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.note = QPlainTextEdit(CompletionDialog)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.note)

        self.filesLabel = QLabel(CompletionDialog)
        self.filesLabel.setObjectName(u"filesLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.filesLabel)

        self.files = QListWidget(CompletionDialog)
        self.files.setObjectName(u"files")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.files)

        self.add_files = QPushButton(CompletionDialog)
        self.add_files.setObjectName(u"add_files")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.add_files)

        self.buttons = QDialogButtonBox(CompletionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.noteLabel.setBuddy(self.note)
        self.filesLabel.setBuddy(self.files)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.note, self.files)
        QWidget.setTabOrder(self.files, self.add_files)

        self.retranslateUi(CompletionDialog)

        QMetaObject.connectSlotsByName(CompletionDialog)
    # setupUi

    def retranslateUi(self, CompletionDialog):
        CompletionDialog.setWindowTitle(QCoreApplication.translate("CompletionDialog", u"Catat kelengkapan dari pelapor", None))
        self.noteLabel.setText(QCoreApplication.translate("CompletionDialog", u"Yang diterima dari pelapor", None))
        self.filesLabel.setText(QCoreApplication.translate("CompletionDialog", u"Berkas bukti baru", None))
        self.add_files.setText(QCoreApplication.translate("CompletionDialog", u"Tambah berkas\u2026", None))
    # retranslateUi

