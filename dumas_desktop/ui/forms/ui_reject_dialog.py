# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reject_dialog.ui'
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
    QFormLayout, QLabel, QPlainTextEdit, QSizePolicy,
    QWidget)

class Ui_RejectDialog(object):
    def setupUi(self, RejectDialog):
        if not RejectDialog.objectName():
            RejectDialog.setObjectName(u"RejectDialog")
        RejectDialog.resize(560, 300)
        self.form = QFormLayout(RejectDialog)
        self.form.setObjectName(u"form")
        self.explanation = QLabel(RejectDialog)
        self.explanation.setObjectName(u"explanation")
        self.explanation.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.explanation)

        self.reasonLabel = QLabel(RejectDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reason = QPlainTextEdit(RejectDialog)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reason)

        self.buttons = QDialogButtonBox(RejectDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.buttons)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reason)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RejectDialog)

        QMetaObject.connectSlotsByName(RejectDialog)
    # setupUi

    def retranslateUi(self, RejectDialog):
        RejectDialog.setWindowTitle(QCoreApplication.translate("RejectDialog", u"Tolak pengaduan", None))
        self.explanation.setText(QCoreApplication.translate("RejectDialog", u"Pengaduan ditolak karena tidak dilengkapi dalam batas waktu.", None))
        self.reasonLabel.setText(QCoreApplication.translate("RejectDialog", u"Alasan", None))
        self.reason.setPlainText(QCoreApplication.translate("RejectDialog", u"Pelapor tidak melengkapi pengaduan dalam batas waktu 3 hari kerja.", None))
    # retranslateUi

