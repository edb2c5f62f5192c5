# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'close_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QWidget)

class Ui_CloseDialog(object):
    def setupUi(self, CloseDialog):
        if not CloseDialog.objectName():
            CloseDialog.setObjectName(u"CloseDialog")
        CloseDialog.resize(560, 360)
        self.form = QFormLayout(CloseDialog)
        self.form.setObjectName(u"form")
        self.kindLabel = QLabel(CloseDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(CloseDialog)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind)

        self.referredLabel = QLabel(CloseDialog)
        self.referredLabel.setObjectName(u"referredLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.referredLabel)

        self.referred = QComboBox(CloseDialog)
        self.referred.setObjectName(u"referred")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.referred)

        self.duplicateLabel = QLabel(CloseDialog)
        self.duplicateLabel.setObjectName(u"duplicateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.duplicateLabel)

        self.duplicate_of = QLineEdit(CloseDialog)
        self.duplicate_of.setObjectName(u"duplicate_of")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.duplicate_of)

        self.noteLabel = QLabel(CloseDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.note = QPlainTextEdit(CloseDialog)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.note)

        self.buttons = QDialogButtonBox(CloseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kind)
        self.referredLabel.setBuddy(self.referred)
        self.duplicateLabel.setBuddy(self.duplicate_of)
        self.noteLabel.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind, self.referred)
        QWidget.setTabOrder(self.referred, self.duplicate_of)
        QWidget.setTabOrder(self.duplicate_of, self.note)

        self.retranslateUi(CloseDialog)

        QMetaObject.connectSlotsByName(CloseDialog)
    # setupUi

    def retranslateUi(self, CloseDialog):
        CloseDialog.setWindowTitle(QCoreApplication.translate("CloseDialog", u"Tutup pengaduan lebih awal", None))
        self.kindLabel.setText(QCoreApplication.translate("CloseDialog", u"Alasan penutupan", None))
        self.referredLabel.setText(QCoreApplication.translate("CloseDialog", u"Dilimpahkan kepada", None))
        self.duplicateLabel.setText(QCoreApplication.translate("CloseDialog", u"Duplikat dari", None))
        self.duplicate_of.setPlaceholderText(QCoreApplication.translate("CloseDialog", u"nomor agenda pengaduan asal", None))
        self.noteLabel.setText(QCoreApplication.translate("CloseDialog", u"Keterangan", None))
    # retranslateUi

