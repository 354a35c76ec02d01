"""The loopback mail server the addons' sending tests deliver to."""

import smtplib
from email.message import EmailMessage

import pytest

from softwhere_sim.smtp import start_smtp


def message(to):
    mail = EmailMessage()
    mail["From"] = "Actif Télécom <facturation@actif-telecom.example.fr>"
    mail["To"] = to
    mail["Subject"] = "Facture FAC/2026/00001"
    mail.set_content("Bonjour,\n.\nVotre facture.")
    return mail


def test_it_keeps_what_it_is_sent():
    with start_smtp() as server:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as client:
            client.send_message(message("compta@boulangerie.example.fr"))
        (received,) = server.parsed()
        assert received["Subject"] == "Facture FAC/2026/00001"
        assert "Votre facture." in received.get_content()
        # A line made of a dot is sent dot-stuffed and read back whole.
        assert received.get_content().splitlines()[1] == "."
        assert server.messages[0][1] == ["compta@boulangerie.example.fr"]


def test_it_refuses_the_recipients_it_is_told_to():
    with start_smtp(refuse={"Compta@Garage.example.fr"}) as server:
        with (
            smtplib.SMTP("127.0.0.1", server.port, timeout=5) as client,
            pytest.raises(smtplib.SMTPRecipientsRefused) as refused,
        ):
            client.send_message(message("compta@garage.example.fr"))
        assert refused.value.recipients["compta@garage.example.fr"][0] == 550
        assert server.messages == []
