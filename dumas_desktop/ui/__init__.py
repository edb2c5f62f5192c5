"""The window: Qt only. It calls services and shows what they return; no SQL here."""
